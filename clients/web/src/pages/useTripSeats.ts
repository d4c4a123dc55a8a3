import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { navigate, useLocation } from '../lib/router';
import { TRIP_SEATS, TRIP_SEATS_CHANGED } from './trip-documents';

/**
 * Choosing seats on one trip, as the passenger's trip page and the counter's sale page both do: the stretch
 * travelled (stop orders from the URL's `from`/`to`, the whole route until chosen), the trip on that stretch
 * with its seat map kept live by tripSeatsChanged, and the seats picked. `params` are the other URL
 * parameters kept when a stop is chosen (the passenger's `pax`).
 */
export function useTripSeats(tripId: string, params: Record<string, string> = {}) {
  const { query, path } = useLocation();
  const stop = (name: string) =>
    query.has(name) && Number.isInteger(Number(query.get(name))) ? Number(query.get(name)) : null;
  const [boardingStop, setBoardingStop] = useState<number | null>(stop('from'));
  const [alightingStop, setAlightingStop] = useState<number | null>(stop('to'));
  const segment = { boardingStop, alightingStop };
  const { data, previousData, loading, error } = useQuery(TRIP_SEATS, { variables: { id: tripId, ...segment } });
  // Other holds and sales (online or at a counter) arrive live; the normalised cache updates the map in place.
  useSubscription(TRIP_SEATS_CHANGED, { variables: { tripId, ...segment } });
  const [selected, setSelected] = useState<string[]>([]);

  // While another stretch loads, keep showing the last one rather than a spinner.
  const trip = data?.trip ?? previousData?.trip;
  // A seat someone else just took drops out of the selection.
  useEffect(() => {
    if (!trip) return;
    const free = new Set(trip.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label));
    setSelected((current) =>
      current.every((label) => free.has(label)) ? current : current.filter((label) => free.has(label)),
    );
  }, [trip]);

  const stops = trip?.stops ?? [];
  const from = boardingStop ?? stops[0]?.order ?? 0;
  const to = alightingStop ?? stops[stops.length - 1]?.order ?? 0;
  const fare = trip && (trip.fares.find((f) => f.boardingStop === from && f.alightingStop === to)?.price ?? trip.price);
  const stopAt = (order: number) => stops.find((s) => s.order === order);
  // The stations the page shows for the stretch go with the hold: one made after a route edit moved them is refused
  // (STOPS_CHANGED) rather than selling another stretch than the one on screen.
  const boardingStationId = stopAt(from)?.stationId;
  const alightingStationId = stopAt(to)?.stationId;
  const stations = {
    ...(boardingStationId ? { boardingStationId } : {}),
    ...(alightingStationId ? { alightingStationId } : {}),
  };
  /** Another stop: the other end moves along when it would no longer be after (or before) it. */
  const choose = (which: 'from' | 'to', order: number) => {
    const [nextFrom, nextTo] = which === 'from' ? [order, Math.max(to, order + 1)] : [Math.min(from, order - 1), order];
    setBoardingStop(nextFrom);
    setAlightingStop(nextTo);
    setSelected([]);
    navigate(`${path}?${new URLSearchParams({ ...params, from: String(nextFrom), to: String(nextTo) })}`, {
      replace: true,
    });
  };

  return {
    trip,
    loading,
    error,
    boardingStop,
    alightingStop,
    from,
    to,
    fare,
    stopAt,
    stations,
    choose,
    selected,
    setSelected,
  };
}
