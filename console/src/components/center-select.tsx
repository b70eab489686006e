/**
 * The Center picker of the admins' lists: a labelled select of the ten Centers after one
 * leading choice (every Center, or the ports), which the page names.
 */
export function CenterSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  centers: ReadonlyArray<{ id: string; name: string }> | undefined;
  firstOption: { value: string; label: string };
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value={props.firstOption.value}>{props.firstOption.label}</option>
        {props.centers?.map((center) => (
          <option key={center.id} value={center.id}>
            {center.name}
          </option>
        ))}
      </select>
    </>
  );
}
