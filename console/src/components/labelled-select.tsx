import { useQuery } from '@apollo/client';
import { label } from '../format';
import { CENTERS } from '../graphql/directory.operations';

export interface SelectOption {
  value: string;
  label: string;
}

/** The options of an enum, each labelled in words (UNDER_REVIEW → "Under review"). */
export function enumOptions(values: readonly string[]): SelectOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** A select with its label, as the toolbars that narrow a list use it. */
export function LabelledSelect(props: { id: string; label: string; value: string; onChange: (value: string) => void; options: readonly SelectOption[] }) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * The admins' choice of a Center in a toolbar: one leading choice (every Center, or the ports),
 * then the Centers of the public directory by name.
 */
export function CenterSelect({ first, ...select }: { id: string; label: string; value: string; onChange: (value: string) => void; first: SelectOption }) {
  const { data } = useQuery(CENTERS);
  return <LabelledSelect {...select} options={[first, ...(data?.centers ?? []).map((center) => ({ value: center.id, label: center.name }))]} />;
}
