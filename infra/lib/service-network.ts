import { SERVICE_CALLS, type ServiceName } from '@shopgraph/shared';
import { SERVICES, type Subgraph } from './services.js';

/**
 * The services allowed to open connections to `subgraph`: the gateway and those that call it in
 * SERVICE_CALLS (@shopgraph/shared, the one table every stack is wired from).
 */
export function callersOf(subgraph: Subgraph): ServiceName[] {
  return SERVICES.filter((service) => Object.values(SERVICE_CALLS[service]).some((call) => call.subgraph === subgraph));
}
