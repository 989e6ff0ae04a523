// The Getting Started walkthrough (package.json `contributes.walkthroughs`, written by
// gen-manifest.mjs): the traffic path taught on the bundled example shop, one hop at a
// time, ending in the traffic-path panel. Each step's media is a markdown page under
// media/walkthrough/; test/unit/walkthrough.test.ts checks the links, files and text.
// Step descriptions are plain text plus links: VS Code shows backticks and asterisks literally
// there (the markdown media pages carry the formatting).

/** A `command:` link; `args` go as the JSON array VS Code expects in command URIs. */
export function commandLink(command, ...args) {
  return args.length ? `command:${command}?${encodeURIComponent(JSON.stringify(args))}` : `command:${command}`;
}

/**
 * A step whose link opens `file` of the example shop with `find` selected. The command
 * sets the context key `podpath.walkthrough.<step>`, which completes that step alone (by
 * default a link completes every step that links the same command).
 */
function fileStep(id, title, text, file, find, media) {
  return {
    id,
    title,
    description: `${text}\n[Open ${file}](${commandLink('podpath.openExampleFile', file, find, id)})`,
    media: { markdown: `media/walkthrough/${media}` },
    completionEvents: [`onContext:podpath.walkthrough.${id}`],
  };
}

export const walkthroughs = [
  {
    id: 'trafficPath',
    title: 'Follow the traffic to your Pods',
    description:
      'How a request travels nodePort → port → targetPort → containerPort, through an Ingress and past a NetworkPolicy — and how podpath shows where it stops. On a small example shop.',
    steps: [
      {
        id: 'openExamples',
        title: 'Open the example shop',
        description:
          'podpath comes with a small shop spread over three namespaces, with six classic mistakes in it. Copy it to a folder of yours and open it: podpath checks every YAML file of the workspace at once, open or not.\n' +
          `[Open the example shop](${commandLink('podpath.openExamples')})`,
        media: { markdown: 'media/walkthrough/open-examples.md' },
        completionEvents: ['onCommand:podpath.openExamples'],
      },
      fileStep(
        'ports',
        'nodePort → port → targetPort → containerPort',
        'A NodePort Service takes traffic on every node\'s nodePort, hands it to its own port, and on to the Pods\' targetPort — which must be one of their containerPorts, by number or by name. In shop/admin.yaml the chain breaks at "targetPort: admin-http": hover the value, then press Ctrl+. (⌘. on macOS) for the quick fix.',
        'shop/admin.yaml',
        'admin-http',
        'ports.md',
      ),
      fileStep(
        'ingress',
        "Ingress: the Service port, not the Pod's",
        'An Ingress backend names a port of the Service (80), not the container port behind it (8080). shop/ingress.yaml sends the path / to frontend on 8080, so the controller finds no such Service port. The quick fix offers 80 and the port name "http".',
        'shop/ingress.yaml',
        'number: 8080',
        'ingress.md',
      ),
      fileStep(
        'networkPolicy',
        'NetworkPolicy: ports the Pods really have',
        'Once a NetworkPolicy selects a Pod, only what its rules admit gets in. A port name in a rule must be a port the selected Pods declare: data/networkpolicy.yaml admits "redis-port", which no Redis container has, so that line admits nothing.',
        'data/networkpolicy.yaml',
        'redis-port',
        'network-policy.md',
      ),
      {
        id: 'problems',
        title: 'Every broken link in one list',
        description:
          'The Problems panel lists what podpath found in every file of the workspace. Each entry names its rule; the rule id links to a page with an example, the fixes and how to silence it.\n' +
          `[Show the Problems panel](${commandLink('workbench.actions.view.problems')})`,
        media: { markdown: 'media/walkthrough/problems.md' },
        completionEvents: ['onCommand:workbench.actions.view.problems'],
      },
      {
        id: 'trafficPath',
        title: 'See the whole path',
        description:
          'The traffic-path panel draws every way into a Service — load balancer, node port, Ingress, Gateway routes, other workloads calling it by DNS name — hop by hop with its ports, and marks where traffic stops. Click a node to jump to its YAML; the panel follows your edits.\n' +
          `[Show the traffic path of shop/frontend](${commandLink('podpath.showTrafficPath', { namespace: 'shop', name: 'frontend' })})`,
        media: { markdown: 'media/walkthrough/traffic-path.md' },
        completionEvents: ['onCommand:podpath.showTrafficPath'],
      },
    ],
  },
];
