import { decodeCursor, encodeCursor } from './pagination';

const ID = '6f1c1a52-3c2e-4d1b-9a59-0a8f3a1d2e4b';

it('reads back what it encoded', () => {
  expect(decodeCursor(encodeCursor(['2026-03-01T12:30:00.123Z', ID]), ['timestamp', 'uuid'])).toEqual(['2026-03-01T12:30:00.123Z', ID]);
  expect(decodeCursor(encodeCursor(['Pacific Circuit Imports LLC', ID]), ['text', 'uuid'])).toEqual(['Pacific Circuit Imports LLC', ID]);
});

it('refuses, before any query sees it, a cursor whose parts are not of their kind', () => {
  const refused = (key: unknown[], parts: Parameters<typeof decodeCursor>[1]) => () => decodeCursor(encodeCursor(key as string[]), parts);
  for (const [key, parts] of [
    [['2026-02-30T00:00:00.000Z', ID], ['timestamp', 'uuid']],
    [['1', ID], ['timestamp', 'uuid']],
    [['2026-03-01T00:00:00.000Z', 'not-a-uuid'], ['timestamp', 'uuid']],
    [['a\u0000b', ID], ['text', 'uuid']],
    [[1, ID], ['text', 'uuid']],
    [[ID], ['text', 'uuid']],
  ] as const) {
    expect(refused([...key], parts)).toThrow(/is not a cursor from this list/);
  }
  expect(() => decodeCursor('not base64 json', ['text'])).toThrow(/is not a cursor/);
});
