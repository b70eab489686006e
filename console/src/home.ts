import type { Viewer } from './session';

/** Where each kind of viewer starts. */
export function homeOf(viewer: Viewer | null): string {
  if (!viewer) return 'centers';
  if (viewer.role === 'IMPORTER') return 'filings';
  if (viewer.role === 'ADMIN') return 'overview';
  if (viewer.role === 'ACCOUNT_MANAGER') return 'onboarding-board';
  if (viewer.role === 'CENTER_DIRECTOR') return 'overview';
  return 'queue';
}
