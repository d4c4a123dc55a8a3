/**
 * A route's fare table: the company admin sets the fare of each pair of stops; blank pairs are derived from each trip's
 * price.
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../components/feedback';
import { useT } from '../../i18n';
import type { CompanyRoutesQuery } from '../../gql/graphql';
import { toMajor, toMinor } from '../../lib/money';
import { SET_ROUTE_FARES } from './company-documents';

type Route = CompanyRoutesQuery['routes']['edges'][number]['node'];

const pairKey = (from: number, to: number) => `${from}-${to}`;

export function FareTable({ route, companyCurrency }: { route: Route; companyCurrency: string }) {
  const { t } = useT('company');
  const stops = [...route.stops].sort((a, b) => a.order - b.order);
  const last = stops[stops.length - 1]!.order;
  const set = new Map(route.fares.map((f) => [pairKey(f.boardingStop, f.alightingStop), f.price]));
  // Fares are in the company's currency, which the server applies to a price given without one; typed
  // and shown in major units, sent in minor units.
  const currency = companyCurrency;
  // Every pair but the whole route, whose fare is each trip's price.
  const pairs = stops.flatMap((from) =>
    stops
      .filter((to) => to.order > from.order && !(from.order === stops[0]!.order && to.order === last))
      .map((to) => ({ from, to })),
  );
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      pairs.map(({ from, to }) => [
        pairKey(from.order, to.order),
        ((amount) => (amount === undefined ? '' : String(toMajor(amount, currency))))(
          set.get(pairKey(from.order, to.order))?.amount,
        ),
      ]),
    ),
  );
  const [save, saving] = useMutation(SET_ROUTE_FARES);
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Amounts the currency cannot hold (e.g. three decimals of KES) are refused here, before anything is sent.
    const invalid: string[] = [];
    const fares = pairs.flatMap(({ from, to }) => {
      const key = pairKey(from.order, to.order);
      const entered = values[key]!.trim();
      const before = set.get(key)?.amount;
      if (entered === '' && before === undefined) return [];
      const amount = entered === '' ? null : toMinor(entered, currency);
      if (entered !== '' && amount === null) invalid.push(key);
      if (amount !== null && amount === before) return [];
      return [
        {
          boardingStop: from.order,
          alightingStop: to.order,
          price: amount === null ? null : { amount },
        },
      ];
    });
    setSaved(false);
    setInvalid(invalid.length > 0);
    if (invalid.length > 0) return;
    const result = await save({ variables: { routeId: route.id, fares } }).catch(() => undefined);
    if (result?.data) setSaved(true);
  }

  return (
    <form className="stack" onSubmit={submit} aria-label={t('fares.label', { route: route.name })}>
      <p className="muted small">{t('fares.help', { currency })}</p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('fares.from')}</th>
            <th>{t('fares.to')}</th>
            <th className="num">{t('fares.fare')}</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map(({ from, to }) => {
            const key = pairKey(from.order, to.order);
            return (
              <tr key={key}>
                <td>{from.station.name}</td>
                <td>{to.station.name}</td>
                <td className="num">
                  <input
                    name={`fare-${key}`}
                    aria-label={t('fares.pair', { from: from.station.city, to: to.station.city })}
                    type="number"
                    min={1}
                    placeholder={t('fares.derived')}
                    value={values[key]}
                    onChange={(e) => (setValues((v) => ({ ...v, [key]: e.target.value })), setSaved(false))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {saving.error && <ErrorNote error={saving.error} />}
      <div className="row">
        <button className="button primary" type="submit" disabled={saving.loading}>
          {saving.loading ? t('fares.saving') : t('fares.save')}
        </button>
        {invalid && (
          <span className="warn-text small" role="alert">
            {t('fares.invalidAmount', { currency })}
          </span>
        )}
        {saved && (
          <span className="muted small" role="status">
            {t('fares.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
