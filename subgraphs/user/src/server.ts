import { createEventRuntime, serveSubgraph, type SubgraphDeps } from '@busline/shared';
import { buildContext, type Services } from './context';
import { outbox, processedEvents } from './db/schema';
import { handlers } from './events';
import type { UserServerOptions } from './options';
import { resolvers } from './resolvers';
import { ListUsersService } from './services/list-users';
import { DashboardReads } from './services/read-dashboards';
import { SetUserRoleService } from './services/set-user-role';
import { SuspendUserService } from './services/suspend-user';
import { UpdateProfileService } from './services/update-profile';

export const SUBGRAPH = 'user';

/** Builds the user subgraph (not started: call `start(port)`). */
export function createServer(deps: SubgraphDeps, _options: UserServerOptions = {}) {
  const events = createEventRuntime(SUBGRAPH, deps, { outbox, processedEvents }, handlers);
  const services: Services = {
    updateProfile: new UpdateProfileService(events.runner),
    listUsers: new ListUsersService(deps.db.db),
    setUserRole: new SetUserRoleService(events.runner, deps.db.db),
    suspendUser: new SuspendUserService(events.runner),
    dashboards: new DashboardReads(deps.db.db),
  };
  return serveSubgraph(deps, {
    name: SUBGRAPH,
    schema: new URL('./schema.graphql', import.meta.url),
    resolvers,
    buildContext: (base) => buildContext(base, deps.db.db, services),
    workers: events.workers,
  });
}
