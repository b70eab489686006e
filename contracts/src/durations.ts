/**
 * Durations of the human-paced processes, as Temporal duration strings ('30 days', '5s').
 * They are workflow inputs, read from configuration when a workflow starts, so tests run whole
 * paths in seconds and an operator can change them without a deployment.
 */
export interface OnboardingDurations {
  /** How long an application may wait for review before a reminder goes out. */
  reviewSla: string;
  /** After the reminder, how long until the application escalates to the Center director. */
  escalateAfter: string;
  /** How long the importer has to answer a request for information before the application lapses. */
  informationDeadline: string;
}

export interface ReviewDurations {
  /** How long each review step may take before it escalates to the Center's supervisors. */
  stepSla: string;
  /** CF-28 request for information: time for the importer to answer (30 days). */
  cf28ResponseWindow: string;
  /** CF-29 notice of action: time for the importer to respond (about 20 days). */
  cf29ResponseWindow: string;
  /** Liquidation is scheduled this long after the date of entry (about 314 days). */
  liquidationAfterEntry: string;
}

/** Plain-JSON description of a moment a process waits for, shown in the graph. */
export interface Deadline {
  kind: string;
  /** ISO timestamp. */
  dueAt: string;
}
