import { badInput } from '@busline/shared';

/** One deck of a bus as stored: a grid of rows × columns, minus seats that do not exist. */
export interface DeckLayout {
  deck: number;
  rows: number;
  /** Number of the first row of this deck; decks continue numbering by default (labels stay unique). */
  firstRow: number;
  columns: string[];
  /** Columns followed by an aisle, e.g. ["B"] in a 2+2 bus. */
  aisleAfter: string[];
  /** Labels of grid positions without a seat (door, toilet, stairs). */
  skippedSeats: string[];
}

export interface DeckLayoutInput {
  deck: number;
  rows: number;
  firstRow?: number | null;
  columns: string[];
  aisleAfter?: string[] | null;
  skippedSeats?: string[] | null;
}

/** A seat passengers can book; `label` (e.g. 12C) is what tickets carry as the seat number. */
export interface Seat {
  label: string;
  deck: number;
  row: number;
  column: string;
}

const COLUMN = /^[A-Z]$/;
const MAX_ROWS = 40;
/** The highest row number a seat may have (labels up to 999F): what every subgraph's seat row holds. */
export const MAX_ROW_NUMBER = 999;
/** A double-decker at most. */
export const MAX_DECKS = 2;
/**
 * Seats a bus may have (the largest double-decker coaches seat about 90): every trip on the bus carries its seat map in
 * its events and every replica stores a row per seat, so a bus of thousands would cost every consumer dearly.
 */
export const MAX_SEATS = 150;

/**
 * Validates a layout and fills in defaults. Labels are `<row><column>`; every label must be
 * unique across decks and the bus must have at least one seat.
 */
export function normalizeLayout(decks: DeckLayoutInput[]): DeckLayout[] {
  if (decks.length === 0) throw badInput('A seat layout needs at least one deck', 'seatLayout');
  if (decks.length > MAX_DECKS) throw badInput(`A seat layout has at most ${MAX_DECKS} decks`, 'seatLayout');
  const deckNumbers = new Set<number>();
  let nextRow = 1;
  const normalized = decks.map((input) => {
    if (!Number.isInteger(input.deck) || input.deck < 1 || deckNumbers.has(input.deck)) {
      throw badInput('Deck numbers must be distinct whole numbers starting at 1', 'seatLayout');
    }
    deckNumbers.add(input.deck);
    if (!Number.isInteger(input.rows) || input.rows < 1 || input.rows > MAX_ROWS) {
      throw badInput(`Deck ${input.deck} must have between 1 and ${MAX_ROWS} rows`, 'seatLayout');
    }
    const firstRow = input.firstRow ?? nextRow;
    if (!Number.isInteger(firstRow) || firstRow < 1 || firstRow + input.rows - 1 > MAX_ROW_NUMBER)
      throw badInput(`Deck ${input.deck}: rows must be numbered from 1 to ${MAX_ROW_NUMBER} (firstRow)`, 'seatLayout');
    nextRow = firstRow + input.rows;
    const columns = input.columns.map((c) => c.trim().toUpperCase());
    if (columns.length === 0 || columns.some((c) => !COLUMN.test(c)) || new Set(columns).size !== columns.length) {
      throw badInput(
        `Deck ${input.deck} columns must be distinct single letters, e.g. ["A","B","C","D"]`,
        'seatLayout',
      );
    }
    const aisleAfter = [...new Set((input.aisleAfter ?? []).map((c) => c.trim().toUpperCase()))];
    if (aisleAfter.some((c) => !columns.includes(c) || c === columns[columns.length - 1])) {
      throw badInput(`Deck ${input.deck}: an aisle must follow one of the columns, not the last one`, 'seatLayout');
    }
    const deck: DeckLayout = { deck: input.deck, rows: input.rows, firstRow, columns, aisleAfter, skippedSeats: [] };
    const grid = new Set(gridLabels(deck));
    const skipped = (input.skippedSeats ?? []).map((s) => s.trim().toUpperCase());
    for (const label of skipped) {
      if (!grid.has(label)) throw badInput(`Skipped seat ${label} is not on deck ${input.deck}`, 'seatLayout');
    }
    deck.skippedSeats = [...new Set(skipped)];
    return deck;
  });
  const seats = seatsOf(normalized);
  if (seats.length === 0) throw badInput('A seat layout needs at least one seat', 'seatLayout');
  if (seats.length > MAX_SEATS)
    throw badInput(`A bus has at most ${MAX_SEATS} seats; this layout has ${seats.length}`, 'seatLayout');
  const labels = new Set<string>();
  for (const seat of seats) {
    if (labels.has(seat.label))
      throw badInput(`Seat label ${seat.label} appears twice; give decks distinct rows`, 'seatLayout');
    labels.add(seat.label);
  }
  return normalized;
}

function gridLabels(deck: DeckLayout): string[] {
  const labels: string[] = [];
  for (let r = 0; r < deck.rows; r++) for (const column of deck.columns) labels.push(`${deck.firstRow + r}${column}`);
  return labels;
}

/** Every bookable seat, deck by deck, row by row, column by column. */
export function seatsOf(decks: DeckLayout[]): Seat[] {
  const seats: Seat[] = [];
  for (const deck of decks) {
    const skipped = new Set(deck.skippedSeats);
    for (let r = 0; r < deck.rows; r++) {
      const row = deck.firstRow + r;
      for (const column of deck.columns) {
        const label = `${row}${column}`;
        if (!skipped.has(label)) seats.push({ label, deck: deck.deck, row, column });
      }
    }
  }
  return seats;
}
