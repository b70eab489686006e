import type { RiskAssessment } from '@cee-hub/contracts';
import { EntrySummaryLineRow, EntrySummaryRow } from '@cee-hub/db';
import { type DataSource, LessThanOrEqual, Not } from 'typeorm';

/** A total entered value above this draws a look (U.S. dollars). */
export const HIGH_VALUE_THRESHOLD = 250_000;
/** Scores at or above this go to an entry specialist; below it the summary is accepted automatically. */
export const REVIEW_RISK_THRESHOLD = 30;
/** An importer with fewer earlier filings than this is new to CBP: its filings are looked at. */
export const FIRST_FILINGS = 2;
/** Entry types of antidumping / countervailing duty entries. */
export const AD_CVD_ENTRY_TYPES = ['03', '07'];
/**
 * HTS headings with frequent AD/CVD orders, quotas or safety concerns. Kept short and in code
 * for now: a targeting list maintained by CBP would replace it.
 */
export const SENSITIVE_HEADINGS: Record<string, string> = {
  '0306': 'crustaceans (shrimp AD orders)',
  '1701': 'cane or beet sugar (tariff-rate quota)',
  '2009': 'fruit juices (AD orders)',
  '4412': 'plywood (AD/CVD orders)',
  '7208': 'hot-rolled flat steel (AD/CVD orders)',
  '7209': 'cold-rolled flat steel (AD/CVD orders)',
  '7210': 'coated flat steel (AD/CVD orders)',
  '7306': 'steel tubes and pipes (AD/CVD orders)',
  '7604': 'aluminum extrusions (AD/CVD orders)',
  '8541': 'solar cells (AD/CVD orders)',
  '9304': 'arms (licensing)',
};

/** The share of filings drawn for the random compliance sample (REVIEW_RANDOM_SAMPLE_RATE, 2 % by default). */
export function randomSampleRate(): number {
  const value = Number(process.env.REVIEW_RANDOM_SAMPLE_RATE ?? '0.02');
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0.02;
}

/** What the score is made of: the summary's declarations and the importer's history. */
export interface RiskFacts {
  entryType: string;
  totalEnteredValue: number;
  /** The importer's filings before this one. */
  earlierFilings: number;
  /** The distinct four-digit HTS headings of the lines. */
  headings: readonly string[];
  /** Whether the random compliance sample drew it. */
  sampled: boolean;
}

/** Reads the facts of a filed summary; a summary not (yet) there is a transient failure that Temporal retries. */
export async function readRiskFacts(dataSource: DataSource, entrySummaryId: string, sampleRate: number): Promise<RiskFacts> {
  const summaries = dataSource.getRepository(EntrySummaryRow);
  const summary = await summaries.findOne({ select: { entryType: true, importerId: true, totalEnteredValue: true, filedAt: true }, where: { id: entrySummaryId } });
  if (!summary) throw new Error(`entry summary ${entrySummaryId} does not exist (yet)`);
  const earlierFilings = await summaries.countBy({ importerId: summary.importerId, id: Not(entrySummaryId), filedAt: LessThanOrEqual(summary.filedAt) });
  const headings: Array<{ heading: string }> = await dataSource
    .getRepository(EntrySummaryLineRow)
    .createQueryBuilder('l')
    .select('DISTINCT substr(l.hts_number, 1, 4)', 'heading')
    .where('l.entry_summary_id = :entrySummaryId', { entrySummaryId })
    .orderBy('heading')
    .getRawMany();
  return {
    entryType: summary.entryType,
    totalEnteredValue: summary.totalEnteredValue,
    earlierFilings,
    headings: headings.map((row) => row.heading),
    sampled: Math.random() < sampleRate,
  };
}

/** The score and its reasons; low risk is accepted without a person looking at it. */
export function assessRisk(facts: RiskFacts): RiskAssessment {
  let score = 0;
  const reasons: string[] = [];
  if (facts.totalEnteredValue > HIGH_VALUE_THRESHOLD) {
    score += 40;
    reasons.push(`total entered value ${facts.totalEnteredValue.toFixed(2)} USD is above ${HIGH_VALUE_THRESHOLD} USD`);
  }
  if (AD_CVD_ENTRY_TYPES.includes(facts.entryType)) {
    score += 50;
    reasons.push(`entry type ${facts.entryType} is an antidumping/countervailing duty entry`);
  }
  if (facts.earlierFilings < FIRST_FILINGS) {
    score += 30;
    reasons.push(`one of the importer's first ${FIRST_FILINGS} filings (${facts.earlierFilings} earlier)`);
  }
  for (const heading of facts.headings) {
    const why = SENSITIVE_HEADINGS[heading];
    if (why) {
      score += 40;
      reasons.push(`sensitive heading ${heading}: ${why}`);
    }
  }
  if (facts.sampled) {
    score += 100;
    reasons.push('drawn for the random compliance sample');
  }
  return { score, reasons, lowRisk: score < REVIEW_RISK_THRESHOLD };
}
