/** Port resolution: a Service port's effective targetPort → container ports of a template. */
import type { ContainerPort, PodTemplate } from '../model/resource';
import { templatePorts } from '../parse/extractWorkload';

export interface PortResolution {
  /** Container ports with that name/number and the Service port's protocol. */
  matches: ContainerPort[];
  /** Container ports with that name/number but another protocol. */
  otherProtocol: ContainerPort[];
}

/** Container ports that a target (name or number) with a protocol reaches in a template. */
export function resolvePort(pt: PodTemplate, target: string | number, protocol: string): PortResolution {
  const matches: ContainerPort[] = [];
  const otherProtocol: ContainerPort[] = [];
  for (const cp of templatePorts(pt)) {
    const hit = typeof target === 'number' ? cp.containerPort?.value === target : cp.name?.value === target;
    if (!hit) continue;
    (cp.protocol === protocol ? matches : otherProtocol).push(cp);
  }
  return { matches, otherProtocol };
}

/** "8080" or "http" for messages. */
export function describeTarget(t: string | number): string {
  return typeof t === 'number' ? String(t) : `"${t}"`;
}

/** "80 (http)" style description of a container port. */
export function describeContainerPort(cp: ContainerPort): string {
  const n = cp.containerPort?.value ?? '?';
  const name = cp.name ? ` (${cp.name.value})` : '';
  const proto = cp.protocol !== 'TCP' ? `/${cp.protocol}` : '';
  return `${n}${proto}${name}`;
}
