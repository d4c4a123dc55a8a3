/** A stop of a trip, by its order along the route. */
export interface PickableStop {
  order: number;
  name: string;
}

/**
 * Where on a trip with stops in between the passenger gets on and off: two selects of stop orders, the
 * boarding one without the last stop, the alighting one without the first. A trip of two stops has only
 * the whole route, so nothing is shown.
 */
export function StopPicker({
  stops,
  from,
  to,
  onChoose,
  boardAt,
  getOffAt,
}: {
  stops: PickableStop[];
  from: number;
  to: number;
  onChoose(which: 'from' | 'to', order: number): void;
  /** The selects' labels, in the page's own words. */
  boardAt: string;
  getOffAt: string;
}) {
  if (stops.length <= 2) return null;
  return (
    <div className="row">
      <label>
        {boardAt}
        <select name="boarding-stop" value={from} onChange={(e) => onChoose('from', Number(e.target.value))}>
          {stops.slice(0, -1).map((s) => (
            <option key={s.order} value={s.order}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {getOffAt}
        <select name="alighting-stop" value={to} onChange={(e) => onChoose('to', Number(e.target.value))}>
          {stops.slice(1).map((s) => (
            <option key={s.order} value={s.order}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
