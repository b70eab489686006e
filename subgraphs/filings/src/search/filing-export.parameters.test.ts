import { type BadUserInputError, type Identity } from '@cee-hub/common';
import { exportSearchRequest, inExportTerms } from './filing-export.parameters';
import { searchCriteria } from './filing-search.criteria';

const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };

function problemsOf(query: string): Array<{ field: string; message: string }> {
  try {
    exportSearchRequest(new URLSearchParams(query));
  } catch (error) {
    expect((error as BadUserInputError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as BadUserInputError).problems;
  }
  throw new Error('expected a refusal');
}

describe('exportSearchRequest', () => {
  it('reads each filter field under its own name, typed as GraphQL would type it, and the order', () => {
    const request = exportSearchRequest(
      new URLSearchParams('htsPrefix=8542&portOfEntry=2704&filedFrom=2026-11-01&filedTo=2026-11-30&minEnteredValue=1000.50&status=ACCEPTED&reviewStep=CBP_REVIEW&processing=CENTER&slaState=OVERDUE&orderBy=DUE_FIRST'),
    );
    expect(request).toEqual({
      filter: { htsPrefix: '8542', portOfEntry: '2704', filedFrom: '2026-11-01', filedTo: '2026-11-30', minEnteredValue: 1000.5, status: 'ACCEPTED', reviewStep: 'CBP_REVIEW', processing: 'CENTER', slaState: 'OVERDUE' },
      orderBy: 'DUE_FIRST',
    });
    expect(exportSearchRequest(new URLSearchParams(''))).toEqual({ filter: {}, orderBy: undefined });
  });

  it('refuses an unknown, repeated or empty parameter rather than exporting more than asked', () => {
    expect(problemsOf('htsprefix=8542').map((p) => p.field)).toEqual(['htsprefix']);
    expect(problemsOf('htsprefix=8542')[0]!.message).toMatch(/not a parameter of this export; the parameters are entryNumberPrefix, .*htsPrefix.*orderBy/);
    expect(problemsOf('status=FILED&status=ACCEPTED')).toEqual([{ field: 'status', message: 'is given more than once; give each parameter at most once' }]);
    expect(problemsOf('portOfEntry=')[0]).toEqual({ field: 'portOfEntry', message: 'is empty; give a value or leave the parameter out' });
    expect(problemsOf('__proto__=x').map((p) => p.field)).toEqual(['__proto__']);
  });

  it('refuses what GraphQL types would, naming every parameter at once', () => {
    const problems = problemsOf('status=OPEN&filedFrom=2026-02-30&maxEnteredValue=lots&orderBy=OLDEST_FIRST&reviewStep=LUNCH');
    expect(problems.map((p) => p.field)).toEqual(['status', 'filedFrom', 'maxEnteredValue', 'orderBy', 'reviewStep']);
    expect(problems[0]!.message).toBe("'OPEN' is not one of FILED, UNDER_REVIEW, RETURNED, ACCEPTED, REJECTED, LIQUIDATED");
    expect(problems[1]!.message).toBe("'2026-02-30' is not a day like 2026-11-30");
  });

  it('leaves the rules of the search to searchCriteria, whose refusals it names in its own terms', () => {
    const request = exportSearchRequest(new URLSearchParams('htsPrefix=854&filedFrom=2026-11-30&filedTo=2026-11-01&minEnteredValue=-5'));
    let refusal: BadUserInputError | undefined;
    try {
      searchCriteria(ADMIN, request);
    } catch (error) {
      refusal = inExportTerms(error as BadUserInputError);
    }
    expect(refusal!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'htsPrefix' });
    expect(refusal!.problems.map((p) => p.field)).toEqual(['htsPrefix', 'filedTo', 'minEnteredValue']);
    expect(refusal!.problems[1]!.message).toBe('must not be before filedFrom (2026-11-30); got 2026-11-01');
    expect(refusal!.message).toMatch(/^htsPrefix: '854' has 3 digits/);
  });
});
