import { createLogger, stopOnSignals } from '@busline/shared';
import { loadConfig, optionsFrom } from './env';
import { createServer } from './server';

const config = loadConfig();
const logger = createLogger('provider-simulator', {
  level: config.LOG_LEVEL,
  pretty: config.LOG_PRETTY ?? Boolean(process.stdout.isTTY),
});
const simulator = createServer({ logger, options: optionsFrom(config) });
const url = await simulator.start(config.PORT, config.HOST, config.SIMULATOR_SMTP_PORT);
logger.warn(
  { url, smtpUrl: simulator.smtpUrl },
  'provider simulator listening: MTN MoMo, Airtel Money and SMS endpoints and an SMTP server; no money moves, no message leaves',
);
stopOnSignals(logger, () => simulator.stop());
