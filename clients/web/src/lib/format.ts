/** Display helpers. Times are shown in Kigali time whatever the browser's zone: that is where buses run. */
const TIME_ZONE = 'Africa/Kigali';

export const formatMoney = (money: { amount: number; currency: string }) =>
  `${new Intl.NumberFormat('en-RW').format(money.amount)} ${money.currency}`;

export const formatTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(new Date(iso));

export const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: TIME_ZONE }).format(
    new Date(iso),
  );

export const formatDateTime = (iso: string) => `${formatDate(iso)}, ${formatTime(iso)}`;

export const formatDuration = (fromIso: string, toIso: string) => {
  const minutes = Math.round((new Date(toIso).getTime() - new Date(fromIso).getTime()) / 60_000);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};

/** Kigali's calendar date `days` from today, as YYYY-MM-DD (Kigali is UTC+2 all year). */
export const kigaliDate = (days = 0) =>
  new Date(Date.now() + days * 86_400_000 + 2 * 3_600_000).toISOString().slice(0, 10);

/** `<input type="datetime-local">` value in Kigali time → ISO instant. */
export const kigaliLocalToIso = (local: string) => new Date(`${local}:00+02:00`).toISOString();

/** Human text for an unknown error (Apollo errors carry the server's message). */
export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const newIdempotencyKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
