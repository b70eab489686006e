import type { FederalRegisterNoticeRow, ImporterRow } from '../entities/importers';
import { stableId } from './stable-id';

export type ImporterSeedRow = Omit<ImporterRow, 'registeredAt' | 'accountManagerId'>;

type Seed = Omit<ImporterSeedRow, 'id' | 'participationStatus'>;

/** Demo companies (fictitious, `.example` addresses): six participate in a Center, six do not. */
const importers: Seed[] = [
  { importerNumber: '95-123456700', importerNumberType: 'IRS', name: 'Pacific Circuit Imports LLC', street: '1200 Harbor Plaza', city: 'Long Beach', state: 'CA', postalCode: '90802', country: 'US', contactEmail: 'customs@pacific-circuit.example', ctpatTier: 'TIER_3', isaMember: true, aceAccount: true, participationCenterId: 'ELECTRONICS', participatingSince: '2013-02-01' },
  { importerNumber: '13-987654300', importerNumberType: 'IRS', name: 'Harborview Pharma Inc.', street: '45 Water St', city: 'New York', state: 'NY', postalCode: '10004', country: 'US', contactEmail: 'trade@harborview-pharma.example', ctpatTier: 'TIER_2', isaMember: true, aceAccount: true, participationCenterId: 'PHARMA', participatingSince: '2013-05-15' },
  { importerNumber: '38-246813500', importerNumberType: 'IRS', name: 'Great Lakes Auto Components Corp.', street: '800 Renaissance Dr', city: 'Detroit', state: 'MI', postalCode: '48243', country: 'US', contactEmail: 'imports@greatlakes-auto.example', ctpatTier: 'TIER_3', isaMember: false, aceAccount: true, participationCenterId: 'AUTOMOTIVE', participatingSince: '2014-01-06' },
  { importerNumber: '76-135792400', importerNumberType: 'IRS', name: 'Gulf Coast Energy Trading LP', street: '1400 Smith St', city: 'Houston', state: 'TX', postalCode: '77002', country: 'US', contactEmail: 'customs@gulfcoast-energy.example', ctpatTier: 'TIER_2', isaMember: false, aceAccount: true, participationCenterId: 'PETROLEUM', participatingSince: '2013-09-30' },
  { importerNumber: '94-555123401', importerNumberType: 'IRS', name: 'Golden Gate Apparel Co.', street: '88 Kearny St', city: 'San Francisco', state: 'CA', postalCode: '94108', country: 'US', contactEmail: 'compliance@goldengate-apparel.example', ctpatTier: 'TIER_2', isaMember: true, aceAccount: true, participationCenterId: 'APPAREL', participatingSince: '2015-03-02' },
  { importerNumber: '58-777888900', importerNumberType: 'IRS', name: 'Peachtree Home Goods Inc.', street: '3350 Peachtree Rd NE', city: 'Atlanta', state: 'GA', postalCode: '30326', country: 'US', contactEmail: 'imports@peachtree-home.example', ctpatTier: 'TIER_3', isaMember: true, aceAccount: true, participationCenterId: 'CONSUMER', participatingSince: '2016-07-11' },
  { importerNumber: '59-314159200', importerNumberType: 'IRS', name: 'Sunshine Produce Distributors', street: '2100 NW 12th Ave', city: 'Miami', state: 'FL', postalCode: '33127', country: 'US', contactEmail: 'logistics@sunshine-produce.example', ctpatTier: 'TIER_1', isaMember: false, aceAccount: true, participationCenterId: null, participatingSince: null },
  { importerNumber: '36-271828100', importerNumberType: 'IRS', name: 'Midwest Steel Supply Co.', street: '2400 S Halsted St', city: 'Chicago', state: 'IL', postalCode: '60608', country: 'US', contactEmail: 'customs@midwest-steel.example', ctpatTier: 'TIER_2', isaMember: false, aceAccount: true, participationCenterId: null, participatingSince: null },
  { importerNumber: '130415-00023', importerNumberType: 'CBP_ASSIGNED', name: 'Niagara Polymer Materials', street: '150 Niagara St', city: 'Buffalo', state: 'NY', postalCode: '14201', country: 'US', contactEmail: 'shipping@niagara-polymer.example', ctpatTier: 'NONE', isaMember: false, aceAccount: true, participationCenterId: null, participatingSince: null },
  { importerNumber: '74-161803300', importerNumberType: 'IRS', name: 'Rio Grande Machinery Inc.', street: '1100 Matamoros St', city: 'Laredo', state: 'TX', postalCode: '78040', country: 'US', contactEmail: 'imports@riogrande-machinery.example', ctpatTier: 'TIER_2', isaMember: true, aceAccount: true, participationCenterId: null, participatingSince: null },
  { importerNumber: '04-112358100', importerNumberType: 'IRS', name: 'Northstar Medical Devices LLC', street: '10 Fan Pier Blvd', city: 'Boston', state: 'MA', postalCode: '02210', country: 'US', contactEmail: 'regulatory@northstar-medical.example', ctpatTier: 'TIER_3', isaMember: false, aceAccount: false, participationCenterId: null, participatingSince: null },
  { importerNumber: '123-45-6789', importerNumberType: 'SSN', name: 'Jane Q. Collector', street: '77 Elm St', city: 'Savannah', state: 'GA', postalCode: '31401', country: 'US', contactEmail: 'jane@collector.example', ctpatTier: 'NONE', isaMember: false, aceAccount: true, participationCenterId: null, participatingSince: null },
];

export const importerRows: ImporterSeedRow[] = importers.map((importer) => ({
  ...importer,
  id: stableId(`importer:${importer.importerNumber}`),
  participationStatus: importer.participationCenterId ? 'PARTICIPATING' : 'NOT_PARTICIPATING',
}));

export const importerIdByNumber = new Map(importerRows.map((row) => [row.importerNumber, row.id]));

const ALL_CENTERS = ['AGRICULTURE', 'APPAREL', 'AUTOMOTIVE', 'BASE_METALS', 'CONSUMER', 'ELECTRONICS', 'INDUSTRIAL', 'MACHINERY', 'PETROLEUM', 'PHARMA'];
const TEST_ELIGIBILITY = 'Importers that are C-TPAT Tier 2 or Tier 3 partners or Importer Self-Assessment (ISA) participants, with an ACE portal account';

/**
 * The two test notices with the Centers they opened and their eligibility, and one notice
 * open now so volunteering can be tried. Closing dates of the historic notices are not
 * stated in the notices themselves; the `note` says what was assumed.
 */
export const noticeRows: FederalRegisterNoticeRow[] = [
  {
    id: '77-FR-52048',
    citation: '77 FR 52048',
    title: 'Test Concerning Entry Summary Processing Through Centers of Excellence and Expertise',
    publishedOn: '2012-08-28',
    opensOn: '2012-08-28',
    closesOn: '2013-04-03',
    centerIds: ['AUTOMOTIVE', 'ELECTRONICS', 'PETROLEUM', 'PHARMA'],
    qualifyingCtpatTiers: ['TIER_2', 'TIER_3'],
    isaQualifies: true,
    aceAccountRequired: true,
    eligibilityText: TEST_ELIGIBILITY,
    note: 'Closing date assumed: the day before 78 FR 20345 modified and expanded the test.',
  },
  {
    id: '78-FR-20345',
    citation: '78 FR 20345',
    title: 'Modification and Expansion of the Test Concerning Entry Summary Processing Through Centers of Excellence and Expertise',
    publishedOn: '2013-04-04',
    opensOn: '2013-04-04',
    closesOn: '2017-01-18',
    centerIds: ALL_CENTERS,
    qualifyingCtpatTiers: ['TIER_2', 'TIER_3'],
    isaQualifies: true,
    aceAccountRequired: true,
    eligibilityText: TEST_ELIGIBILITY,
    note: 'Closing date assumed: the test gave way to permanent rules in 19 CFR part 101.',
  },
  {
    id: 'CEE-HUB-DEMO-2026',
    citation: 'CEE Hub demonstration notice (not a Federal Register publication)',
    title: 'Volunteer for a Center of Excellence and Expertise (demonstration)',
    publishedOn: '2026-01-05',
    opensOn: '2026-01-05',
    closesOn: null,
    centerIds: ALL_CENTERS,
    qualifyingCtpatTiers: ['TIER_2', 'TIER_3'],
    isaQualifies: true,
    aceAccountRequired: true,
    eligibilityText: TEST_ELIGIBILITY,
    note: 'Seeded so volunteering can be tried; open until an admin closes it.',
  },
];
