import { createLogger, stopOnSignals } from '@busline/shared';
import { loadConfig, optionsFrom } from './env';
import { createServer } from './server';

const config = loadConfig();
const logger = createLogger('provider-simulator', { level: config.LOG_LEVEL, pretty: config.LOG_PRETTY ?? Boolean(process.stdout.isTTY) });
const simulator = createServer({ logger, options: optionsFrom(config) });
const url = await simulator.start(config.PORT, config.HOST);
logger.warn({ url }, 'provider simulator listening: MTN MoMo and Airtel Money endpoints, no money moves');
stopOnSignals(logger, () => simulator.stop());
