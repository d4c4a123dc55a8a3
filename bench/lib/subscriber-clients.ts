/**
 * Child process of the subscription benchmark: opens N graphql-ws connections to the router, one
 * subscription each, and records when every event arrives. Driven over IPC by the parent.
 */
import WebSocket from 'ws';

interface Start {
  kind: 'start';
  url: string;
  count: number;
  query: string;
  variables: Record<string, unknown>;
}

const received: { key: number; at: number }[] = [];
const sockets: WebSocket[] = [];
const now = () => performance.timeOrigin + performance.now();

function open(message: Start, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(message.url, 'graphql-transport-ws');
    sockets.push(socket);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    socket.on('message', (raw) => {
      // Cheap on purpose: real clients sit on other machines; this process should not steal the
      // router's CPU by parsing every frame in full.
      const text = raw.toString();
      const seats = /"availableSeats":(\d+)/.exec(text);
      if (seats) {
        received.push({ key: Number(seats[1]), at: now() });
      } else if (text.includes('"connection_ack"')) {
        socket.send(JSON.stringify({ id: String(index), type: 'subscribe', payload: { query: message.query, variables: message.variables } }));
        resolve();
      }
    });
    socket.on('error', reject);
  });
}

process.on('message', async (message: Start | { kind: 'collect' } | { kind: 'close' }) => {
  if (message.kind === 'start') {
    // Open in batches so the router's accept queue is not flooded.
    for (let i = 0; i < message.count; i += 250) {
      await Promise.all(Array.from({ length: Math.min(250, message.count - i) }, (_, j) => open(message, i + j)));
    }
    process.send!({ kind: 'ready' });
  } else if (message.kind === 'collect') {
    process.send!({ kind: 'received', received });
    received.length = 0;
  } else {
    for (const socket of sockets) socket.terminate();
    process.send!({ kind: 'closed' });
    process.exit(0);
  }
});
