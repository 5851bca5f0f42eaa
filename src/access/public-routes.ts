import { HealthController } from '../health/health.controller';
import { Public } from './access.decorators';

/**
 * Controllers owned outside `access/` that must answer without signing in (load balancers probe
 * /health). Prefer `@Public()` on the controller itself; entries here are for owners who have not
 * added it yet, and should move there.
 */
for (const controller of [HealthController]) Public()(controller);
