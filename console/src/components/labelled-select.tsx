import { label } from '../format';

export interface SelectOption {
  value: string;
  label: string;
}

/** The options of an enum, each labelled in words (UNDER_REVIEW → "Under review"). */
export function enumOptions(values: readonly string[]): SelectOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** One leading choice (every Center, or the ports), then the Centers by name. */
export function centerOptions(first: SelectOption, centers: ReadonlyArray<{ id: string; name: string }> | undefined): SelectOption[] {
  return [first, ...(centers ?? []).map((center) => ({ value: center.id, label: center.name }))];
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
