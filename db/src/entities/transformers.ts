import type { ValueTransformer } from 'typeorm';

/** pg returns NUMERIC as a string to keep precision; the amounts here fit a double exactly to the cent. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
