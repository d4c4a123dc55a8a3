import type { DeckShape, SeatCell } from '../../components/SeatMap';

/** Seat arrangements a company admin picks from: columns left to right, with the aisle after `aisleAfter`. */
export const SEAT_PRESETS = {
  '2+2': { columns: ['A', 'B', 'C', 'D'], aisleAfter: ['B'] },
  '2+1': { columns: ['A', 'B', 'C'], aisleAfter: ['B'] },
} as const;
export type SeatPreset = keyof typeof SEAT_PRESETS;

export interface LayoutChoice {
  preset: SeatPreset;
  rows: number;
  /** Rows of the upper deck, or 0 for a single-deck bus. */
  upperRows: number;
}

/**
 * The decks of a layout choice, with explicit row numbers (the upper deck continues after the lower
 * one, as the server would number it), so the preview shows exactly the labels tickets will carry.
 */
export function decksOf({ preset, rows, upperRows }: LayoutChoice): DeckShape[] {
  const { columns, aisleAfter } = SEAT_PRESETS[preset];
  const deck = (n: number, count: number, firstRow: number): DeckShape => ({
    deck: n,
    rows: count,
    firstRow,
    columns: [...columns],
    aisleAfter: [...aisleAfter],
  });
  const decks = [deck(1, rows, 1)];
  if (upperRows > 0) decks.push(deck(2, upperRows, rows + 1));
  return decks;
}

/** Every seat of the decks, all available (what a new bus offers). */
export function seatsOf(decks: DeckShape[]): SeatCell[] {
  return decks.flatMap((d) =>
    Array.from({ length: d.rows }, (_, i) => d.firstRow + i).flatMap((row) =>
      d.columns.map((column) => ({ label: `${row}${column}`, deck: d.deck, row, column, state: 'AVAILABLE' as const })),
    ),
  );
}
