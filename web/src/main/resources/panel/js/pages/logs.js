// Logs: the request log, filterable by deployment, variant, status, identity and time; one request's attempts.
// Shell until the logs API lands: renderLogs(view) is the only entry point the router needs.
import { comingSoon } from './coming.js';

export async function renderLogs(view) {
  comingSoon(view, 'Logs',
    'Every request with its deployment version, variant, attempts (provider, status, latency, tokens, why the next one happened), cost and feedback.',
    'GET /api/logs');
}
