import type { SeatState } from '../gql/graphql';
import { useT } from '../i18n';

export interface SeatCell {
  label: string;
  deck: number;
  row: number;
  column: string;
  state: SeatState;
}

export interface DeckShape {
  deck: number;
  rows: number;
  firstRow: number;
  columns: string[];
  aisleAfter: string[];
}

/**
 * The bus seen from above, one grid per deck: columns left to right with a gap for the aisle, the
 * driver at the front. Only AVAILABLE seats can be picked; HELD, SOLD and CLOSED are shown but disabled.
 * Without `onToggle` the map is a compact, read-only picture (a layout preview): no buttons, no legend.
 */
export function SeatMap({
  decks,
  seats,
  selected = [],
  onToggle,
  label,
}: {
  decks: DeckShape[];
  seats: SeatCell[];
  selected?: string[];
  onToggle?(label: string): void;
  label?: string;
}) {
  const { t } = useT('passenger');
  const byLabel = new Map(seats.map((s) => [s.label, s]));
  const readOnly = !onToggle;
  return (
    <div className={`seat-map ${readOnly ? 'compact' : ''}`} aria-label={label ?? t('seats.map')}>
      {decks.map((deck) => {
        const template = deck.columns
          .flatMap((c) => (deck.aisleAfter.includes(c) ? ['var(--seat)', 'calc(var(--seat) / 2)'] : ['var(--seat)']))
          .join(' ');
        return (
          <div key={deck.deck} className="deck" aria-label={t('seats.deck', { deck: deck.deck })}>
            {decks.length > 1 && (
              <h3>{deck.deck === 1 ? t('seats.lowerDeck') : t('seats.deck', { deck: deck.deck })}</h3>
            )}
            <div className="bus-front">
              <span className="wheel" aria-hidden>
                ◎
              </span>{' '}
              {t('seats.front')}
            </div>
            <div className="seat-grid" style={{ gridTemplateColumns: template }}>
              {Array.from({ length: deck.rows }, (_, i) => deck.firstRow + i).flatMap((row) =>
                deck.columns.flatMap((column) => {
                  const label = `${row}${column}`;
                  const seat = byLabel.get(label);
                  const cells = [
                    seat && readOnly ? (
                      <span key={label} className="seat available" data-seat={label}>
                        {label}
                      </span>
                    ) : seat ? (
                      <button
                        key={label}
                        type="button"
                        className={`seat ${seat.state.toLowerCase()} ${selected.includes(label) ? 'selected' : ''}`}
                        data-seat={label}
                        data-state={seat.state}
                        aria-pressed={selected.includes(label)}
                        aria-label={t('seats.seat', {
                          seat: label,
                          state: selected.includes(label) ? t('seats.yours') : t(`seats.state.${seat.state}`),
                        })}
                        disabled={seat.state !== 'AVAILABLE'}
                        onClick={() => onToggle?.(label)}
                      >
                        {label}
                      </button>
                    ) : (
                      <span key={label} className="seat-gap" />
                    ),
                  ];
                  if (deck.aisleAfter.includes(column)) cells.push(<span key={`${label}-aisle`} className="aisle" />);
                  return cells;
                }),
              )}
            </div>
          </div>
        );
      })}
      {!readOnly && (
        <ul className="seat-legend">
          <li>
            <span className="seat available" /> {t('seats.legend.available')}
          </li>
          <li>
            <span className="seat available selected" /> {t('seats.legend.yours')}
          </li>
          <li>
            <span className="seat held" /> {t('seats.legend.held')}
          </li>
          <li>
            <span className="seat sold" /> {t('seats.legend.sold')}
          </li>
        </ul>
      )}
    </div>
  );
}
