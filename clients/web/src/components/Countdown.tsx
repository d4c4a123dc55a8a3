import { useEffect, useState } from 'react';
import { useT } from '../i18n';

/** mm:ss until `until` (its title says it in words, in the reader's language); calls onExpire once at zero. */
export function Countdown({ until, onExpire }: { until: string; onExpire?: () => void }) {
  const { fmt } = useT();
  const deadline = new Date(until).getTime();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.round((deadline - now) / 1000));
  useEffect(() => {
    if (left === 0) onExpire?.();
  }, [left === 0]); // eslint-disable-line react-hooks/exhaustive-deps
  const text = `${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`;
  return (
    <span
      className={`countdown ${left < 60 ? 'urgent' : ''}`}
      role="timer"
      aria-live="off"
      data-testid="hold-countdown"
      title={fmt.relative(left * 1000)}
    >
      {text}
    </span>
  );
}
