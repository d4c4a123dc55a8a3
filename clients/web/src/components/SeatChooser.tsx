import type { FormEvent, ReactNode } from 'react';
import { SeatMap, type DeckShape, type SeatCell } from './SeatMap';

/**
 * The seat-choosing page's body: the bus's seat map in a card on one side and, on the other, the form that
 * holds the seats picked (its fields are `children`). Headings and the form's label are the page's words.
 */
export function SeatChooser({
  mapHeading,
  decks,
  seats,
  selected,
  onToggle,
  formLabel,
  formHeading,
  onSubmit,
  children,
}: {
  mapHeading: string;
  decks: DeckShape[];
  seats: SeatCell[];
  selected: string[];
  onToggle(label: string): void;
  formLabel: string;
  formHeading: string;
  onSubmit(event: FormEvent): void;
  children: ReactNode;
}) {
  return (
    <div className="two-col">
      <div className="card">
        <h2>{mapHeading}</h2>
        <SeatMap decks={decks} seats={seats} selected={selected} onToggle={onToggle} />
      </div>
      <form className="card summary" onSubmit={onSubmit} aria-label={formLabel}>
        <h2>{formHeading}</h2>
        {children}
      </form>
    </div>
  );
}
