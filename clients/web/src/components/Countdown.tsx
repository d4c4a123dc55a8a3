import { useEffect, useState } from 'react';

/** mm:ss until `until`; calls onExpire once when it reaches zero. */
export function Countdown({ until, onExpire }: { until: string; onExpire?: () => void }) {
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
    >
      {text}
    </span>
  );
}
