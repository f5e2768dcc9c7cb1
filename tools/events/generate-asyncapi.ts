/** Regenerates docs/events/asyncapi.json from the event catalog: `npm run docs:events`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventCatalog, toAsyncApi } from '@onewindow/contracts/events';

const target = join(__dirname, '../../docs/events/asyncapi.json');
writeFileSync(target, `${JSON.stringify(toAsyncApi(eventCatalog, { version: '0.1.0' }), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
