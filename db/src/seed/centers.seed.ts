import type { CenterRow, CoverageBasis, CoverageRangeRow, StaffRole } from '../entities/centers';
import { stableId } from './stable-id';

type CenterSeed = Omit<CenterRow, 'contactEmail' | 'contactPhone' | 'hours'> & { phone: string };

/**
 * The ten Centers and their management cities (CBP releases of 2011-10-20, 2012-05-10 and
 * 2013-06-03). `openedOn` is the date of the release that announced the Center. Contact
 * details are illustrative placeholders under reserved `.example` names, to be replaced with
 * CBP's published contacts.
 */
const centers: CenterSeed[] = [
  { id: 'AGRICULTURE', name: 'Agriculture & Prepared Products', managementCity: 'Miami', status: 'ACTIVE', openedOn: '2013-06-03', street: '909 SE 1st Ave', city: 'Miami', state: 'FL', postalCode: '33131', phone: '+1 305-555-0110' },
  { id: 'APPAREL', name: 'Apparel, Footwear & Textiles', managementCity: 'San Francisco', status: 'ACTIVE', openedOn: '2013-06-03', street: '555 Battery St', city: 'San Francisco', state: 'CA', postalCode: '94111', phone: '+1 415-555-0120' },
  { id: 'AUTOMOTIVE', name: 'Automotive & Aerospace', managementCity: 'Detroit', status: 'ACTIVE', openedOn: '2012-05-10', street: '477 Michigan Ave', city: 'Detroit', state: 'MI', postalCode: '48226', phone: '+1 313-555-0130' },
  { id: 'BASE_METALS', name: 'Base Metals', managementCity: 'Chicago', status: 'ACTIVE', openedOn: '2013-06-03', street: '610 S Canal St', city: 'Chicago', state: 'IL', postalCode: '60607', phone: '+1 312-555-0140' },
  { id: 'CONSUMER', name: 'Consumer Products & Mass Merchandising', managementCity: 'Atlanta', status: 'ACTIVE', openedOn: '2013-06-03', street: '1699 Phoenix Pkwy', city: 'Atlanta', state: 'GA', postalCode: '30349', phone: '+1 404-555-0150' },
  { id: 'ELECTRONICS', name: 'Electronics', managementCity: 'Long Beach', status: 'ACTIVE', openedOn: '2011-10-20', street: '301 E Ocean Blvd', city: 'Long Beach', state: 'CA', postalCode: '90802', phone: '+1 562-555-0160' },
  { id: 'INDUSTRIAL', name: 'Industrial & Manufacturing Materials', managementCity: 'Buffalo', status: 'ACTIVE', openedOn: '2013-06-03', street: '726 Exchange St', city: 'Buffalo', state: 'NY', postalCode: '14210', phone: '+1 716-555-0170' },
  { id: 'MACHINERY', name: 'Machinery', managementCity: 'Laredo', status: 'ACTIVE', openedOn: '2013-06-03', street: '5800 San Dario Ave', city: 'Laredo', state: 'TX', postalCode: '78041', phone: '+1 956-555-0180' },
  { id: 'PETROLEUM', name: 'Petroleum, Natural Gas & Minerals', managementCity: 'Houston', status: 'ACTIVE', openedOn: '2012-05-10', street: '2350 N Sam Houston Pkwy E', city: 'Houston', state: 'TX', postalCode: '77032', phone: '+1 281-555-0190' },
  { id: 'PHARMA', name: 'Pharmaceuticals, Health & Chemicals', managementCity: 'New York', status: 'ACTIVE', openedOn: '2011-10-20', street: '1 Penn Plaza', city: 'New York', state: 'NY', postalCode: '10119', phone: '+1 212-555-0100' },
];

export const centerRows: CenterRow[] = centers.map(({ phone, ...center }) => ({
  ...center,
  contactEmail: `${center.id.toLowerCase().replace(/_/g, '-')}.cee@cbp.example`,
  contactPhone: phone,
  hours: 'Monday–Friday, 8:00–17:00 local time, except federal holidays',
}));

const openedOn = new Map(centers.map((c) => [c.id, c.openedOn!]));

interface RangeSeed {
  centerId: string;
  ranges: Array<string | [string, string]>;
  basis: CoverageBasis;
  source: string;
  effectiveFrom?: string;
  effectiveTo?: string;
}

const CHAPTER_LEVEL_SOURCE = 'Chapter-level approximation (not yet confirmed from a primary source); correct when the Federal Register list is at hand';
const SECTOR_LIST_SOURCE = 'HTSUS list of the industry sector (19 CFR 101.1), confirmed';
const HEADING_8511_MOVE = '79 FR 13322 (2014) moved heading 8511 from Machinery to Automotive & Aerospace';
/** Publication date of 79 FR 13322, taken as the date the move took effect. */
const HEADING_8511_MOVED_ON = '2014-03-10';

const rangeSeeds: RangeSeed[] = [
  {
    centerId: 'PHARMA',
    basis: 'CONFIRMED',
    source: SECTOR_LIST_SOURCE,
    ranges: [['2801', '3302'], ['3402', '3405'], ['3407', '3604'], ['3606', '3817'], ['3819', '3825'], '4014', ['9018', '9019'], ['9021', '9022'], '9402'],
  },
  { centerId: 'AUTOMOTIVE', basis: 'CONFIRMED', source: SECTOR_LIST_SOURCE, ranges: [['8701', '8711'], '8713', '8714', '8716', ['8801', '8805']] },
  { centerId: 'AUTOMOTIVE', basis: 'CONFIRMED', source: HEADING_8511_MOVE, ranges: ['8511'], effectiveFrom: HEADING_8511_MOVED_ON },
  { centerId: 'MACHINERY', basis: 'CONFIRMED', source: HEADING_8511_MOVE, ranges: ['8511'], effectiveTo: HEADING_8511_MOVED_ON },
  { centerId: 'AGRICULTURE', basis: 'CHAPTER_LEVEL', source: CHAPTER_LEVEL_SOURCE, ranges: [['0101', '2499']] },
  { centerId: 'PETROLEUM', basis: 'CHAPTER_LEVEL', source: CHAPTER_LEVEL_SOURCE, ranges: [['2501', '2799']] },
  { centerId: 'APPAREL', basis: 'CHAPTER_LEVEL', source: CHAPTER_LEVEL_SOURCE, ranges: [['4101', '4399'], ['5001', '6799']] },
  { centerId: 'INDUSTRIAL', basis: 'CHAPTER_LEVEL', source: CHAPTER_LEVEL_SOURCE, ranges: [['3901', '4099'], ['4401', '4999'], ['6801', '7099']] },
  { centerId: 'BASE_METALS', basis: 'CHAPTER_LEVEL', source: CHAPTER_LEVEL_SOURCE, ranges: [['7201', '8399']] },
  { centerId: 'MACHINERY', basis: 'CHAPTER_LEVEL', source: CHAPTER_LEVEL_SOURCE, ranges: [['8401', '8499'], ['8601', '8699'], ['8901', '8999']] },
  { centerId: 'ELECTRONICS', basis: 'CHAPTER_LEVEL', source: CHAPTER_LEVEL_SOURCE, ranges: [['8501', '8599'], ['9001', '9099']] },
  { centerId: 'CONSUMER', basis: 'CHAPTER_LEVEL', source: CHAPTER_LEVEL_SOURCE, ranges: [['7101', '7199'], ['9101', '9799']] },
  {
    centerId: 'CONSUMER',
    basis: 'REMAINDER',
    source: 'Consumer Products & Mass Merchandising takes every heading no other Center covers (chapter-level approximation)',
    ranges: [['0101', '9799']],
  },
];

export type CoverageSeedRow = Omit<CoverageRangeRow, 'center' | 'createdAt'>;

export const coverageRows: CoverageSeedRow[] = rangeSeeds.flatMap((seed) =>
  seed.ranges.map((range) => {
    const [firstHeading, lastHeading] = typeof range === 'string' ? [range, range] : range;
    return {
      id: stableId(`coverage:${seed.centerId}:${firstHeading}-${lastHeading}:${seed.effectiveFrom ?? ''}`),
      centerId: seed.centerId,
      firstHeading,
      lastHeading,
      basis: seed.basis,
      source: seed.source,
      effectiveFrom: seed.effectiveFrom ?? openedOn.get(seed.centerId)!,
      effectiveTo: seed.effectiveTo ?? null,
      createdBy: 'seed',
    };
  }),
);

const ROLE_EMAIL_PREFIX: Record<StaffRole, string> = {
  ENTRY_SPECIALIST: 'entry-specialist',
  IMPORT_SPECIALIST: 'import-specialist',
  SUPERVISOR: 'supervisor',
  ACCOUNT_MANAGER: 'account-manager',
  CENTER_DIRECTOR: 'director',
};

const FIRST_NAMES = ['Avery', 'Jordan', 'Riley', 'Morgan', 'Casey', 'Quinn', 'Rowan', 'Harper', 'Emerson', 'Skyler'];
const LAST_NAMES = ['Chen', 'Okafor', 'Ramirez', 'Novak', 'Haddad', 'Kowalski', 'Nguyen', 'Brennan', 'Soto', 'Adeyemi'];

export interface StaffSeedRow {
  id: string;
  email: string;
  name: string;
  role: StaffRole | 'ADMIN';
  centerId: string | null;
}

/**
 * The second person of a role in every Center: two entry specialists and two supervisors, so
 * that every two-person rule (a supervisor signing off another's proposal, a claim handed to a
 * colleague) can be exercised in one Center. Their emails carry a 2: `supervisor2.pharma@cbp.example`.
 */
const SECOND_OF_ROLE: readonly StaffRole[] = ['ENTRY_SPECIALIST', 'SUPERVISOR'];

function centerStaff(center: CenterSeed, centerIndex: number): StaffSeedRow[] {
  const slug = center.id.toLowerCase().replace(/_/g, '-');
  const person = (role: StaffRole, roleIndex: number, ordinal: '' | '2'): StaffSeedRow => {
    const email = `${ROLE_EMAIL_PREFIX[role]}${ordinal}.${slug}@cbp.example`;
    // The second people take names further along the lists, so no two people of a Center share one.
    const shift = ordinal ? 5 : 0;
    return {
      id: stableId(`staff:${email}`),
      email,
      name: `${FIRST_NAMES[(centerIndex + roleIndex + shift) % 10]} ${LAST_NAMES[(centerIndex * 3 + roleIndex + shift) % 10]}`,
      role,
      centerId: center.id,
    };
  };
  // By role, the second person right after the first: the order every people list (the sign-in's too) shows.
  return (Object.keys(ROLE_EMAIL_PREFIX) as StaffRole[]).flatMap((role, roleIndex) =>
    SECOND_OF_ROLE.includes(role) ? [person(role, roleIndex, ''), person(role, roleIndex, '2')] : [person(role, roleIndex, '')],
  );
}

/** Every Center's staff (one of each role, two entry specialists and two supervisors), plus two HQ admins (a port's adverse actions take two to sign off). */
export const staffRows: StaffSeedRow[] = [
  ...centers.flatMap(centerStaff),
  { id: stableId('staff:admin@cbp.example'), email: 'admin@cbp.example', name: 'Dana Whitfield', role: 'ADMIN', centerId: null },
  { id: stableId('staff:admin2@cbp.example'), email: 'admin2@cbp.example', name: 'Marcus Ellery', role: 'ADMIN', centerId: null },
];
