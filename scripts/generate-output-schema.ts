// Writes docs/outputs.schema.json from src/output/schema.ts (the column types of every output).
// `npm run generate:outputs`; test/output-types.test.ts fails while the file is out of date.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { outputSchemaDocument } from '../src/output/schema.js';

const file = fileURLToPath(new URL('../docs/outputs.schema.json', import.meta.url));
fs.writeFileSync(file, JSON.stringify(outputSchemaDocument(), null, 2) + '\n');
console.log(`wrote ${file}`);
