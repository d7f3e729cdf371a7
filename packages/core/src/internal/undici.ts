// Order matters: Node's fetch must claim the global dispatcher before undici 7 loads (see there).
import './nodeFetchFirst.js';
import { Agent, request } from 'undici';

export { Agent, request };
