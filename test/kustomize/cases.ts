/**
 * Small kustomizations, one per feature of the evaluator, with what `kubectl kustomize` (kustomize v5.5.0)
 * printed for each: made once with kubectl on this machine (the tests never run it). `build` is the
 * folder built; every other key is a file of the workspace.
 */

export interface BuildCase {
  files: Record<string, string>;
  build: string;
  /** kubectl kustomize's output. */
  expected: string;
}

export const buildCases: Record<string, BuildCase> = {
  'namespace, namePrefix and nameSuffix rename objects and the references to them': {
    build: 'overlays/prod',
    files: {
      'base/kustomization.yaml': 'resources:\n- app.yaml\n',
      'base/app.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n  - port: 80\n    targetPort: http\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: api\nspec:\n  serviceName: api\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      serviceAccountName: api\n      containers:\n      - name: api\n        image: api:1\n        envFrom:\n        - configMapRef:\n            name: settings\n        env:\n        - name: PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: creds\n              key: password\n      volumes:\n      - name: cfg\n        configMap:\n          name: settings\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: api\n            port:\n              number: 80\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: hunter2\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: api\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- kind: ServiceAccount\n  name: api\n- kind: ServiceAccount\n  name: default\n',
      'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nnameSuffix: -v2\nresources:\n- ../../base\n',
    },
    expected:
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: prod-api-v2\n  namespace: prod\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: prod-api-v2\n  namespace: prod\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- kind: ServiceAccount\n  name: prod-api-v2\n  namespace: prod\n- kind: ServiceAccount\n  name: default\n  namespace: prod\n---\napiVersion: v1\ndata:\n  mode: fast\nkind: ConfigMap\nmetadata:\n  name: prod-settings-v2\n  namespace: prod\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: prod-creds-v2\n  namespace: prod\nstringData:\n  password: hunter2\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: prod-api-v2\n  namespace: prod\nspec:\n  ports:\n  - port: 80\n    targetPort: http\n  selector:\n    app: api\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: prod-api-v2\n  namespace: prod\nspec:\n  selector:\n    matchLabels:\n      app: api\n  serviceName: prod-api-v2\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - env:\n        - name: PASSWORD\n          valueFrom:\n            secretKeyRef:\n              key: password\n              name: prod-creds-v2\n        envFrom:\n        - configMapRef:\n            name: prod-settings-v2\n        image: api:1\n        name: api\n      serviceAccountName: prod-api-v2\n      volumes:\n      - configMap:\n          name: prod-settings-v2\n        name: cfg\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: prod-api-v2\n  namespace: prod\nspec:\n  rules:\n  - http:\n      paths:\n      - backend:\n          service:\n            name: prod-api-v2\n            port:\n              number: 80\n        path: /\n        pathType: Prefix\n',
  },
  'labels: includeSelectors, includeTemplates, commonLabels and commonAnnotations': {
    build: '',
    files: {
      'kustomization.yaml':
        'resources:\n- app.yaml\nlabels:\n- pairs:\n    team: a\n- pairs:\n    tier: web\n  includeTemplates: true\n- pairs:\n    app.kubernetes.io/part-of: shop\n  includeSelectors: true\ncommonLabels:\n  env: prod\ncommonAnnotations:\n  owner: ops\n',
      'app.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    owner: ops\n  labels:\n    app.kubernetes.io/part-of: shop\n    env: prod\n    team: a\n    tier: web\n  name: web\nspec:\n  ports:\n  - port: 80\n  selector:\n    app.kubernetes.io/part-of: shop\n    env: prod\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    owner: ops\n  labels:\n    app.kubernetes.io/part-of: shop\n    env: prod\n    team: a\n    tier: web\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n      app.kubernetes.io/part-of: shop\n      env: prod\n  template:\n    metadata:\n      annotations:\n        owner: ops\n      labels:\n        app: web\n        app.kubernetes.io/part-of: shop\n        env: prod\n        tier: web\n    spec:\n      containers:\n      - image: nginx\n        name: web\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  annotations:\n    owner: ops\n  labels:\n    app.kubernetes.io/part-of: shop\n    env: prod\n    team: a\n    tier: web\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n      app.kubernetes.io/part-of: shop\n      env: prod\n',
  },
  'strategic merge patches merge containers, ports, env and volumes by their keys, and delete or replace': {
    build: '',
    files: {
      'kustomization.yaml':
        'resources:\n- app.yaml\npatches:\n- path: patch.yaml\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n    spec:\n      ports:\n      - port: 80\n        targetPort: 8081\n      - port: 443\n        name: https\n        targetPort: 8443\n- patch: |-\n    $patch: delete\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: old\npatchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    template:\n      spec:\n        volumes:\n        - name: tmp\n          $patch: delete\n        - name: data\n          emptyDir:\n            medium: Memory\n',
      'app.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    name: http\n    targetPort: 8080\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        ports:\n        - containerPort: 8080\n          name: http\n        env:\n        - name: A\n          value: "1"\n        - name: B\n          value: "2"\n      - name: sidecar\n        image: proxy\n        args: ["--a", "--b"]\n      volumes:\n      - name: tmp\n        emptyDir: {}\n      - name: data\n        emptyDir: {}\n',
      'patch.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        ports:\n        - containerPort: 8081\n          name: metrics\n        env:\n        - name: B\n          value: "20"\n      - name: sidecar\n        args: ["--c"]\n      - $patch: replace\n        name: ignored\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8081\n  - name: https\n    port: 443\n    targetPort: 8443\n  selector:\n    app: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - env:\n        - name: B\n          value: "20"\n        - name: A\n          value: "1"\n        image: web:1\n        name: web\n        ports:\n        - containerPort: 8081\n          name: metrics\n        - containerPort: 8080\n          name: http\n      - args:\n        - --c\n        image: proxy\n        name: sidecar\n      - name: ignored\n      volumes:\n      - emptyDir:\n          medium: Memory\n        name: data\n',
  },
  'JSON 6902 patches select targets by kind, regex name, label and annotation selectors': {
    build: '',
    files: {
      'kustomization.yaml':
        'resources:\n- app.yaml\npatches:\n- target:\n    kind: Deployment\n    name: "(web|api)"\n  patch: |-\n    - op: add\n      path: /spec/template/spec/containers/0/args/-\n      value: --verbose\n- target:\n    labelSelector: tier=front\n  patch: |-\n    - op: replace\n      path: /spec/ports/0/port\n      value: 8080\n- target:\n    annotationSelector: expose=true\n  patch: |-\n    [{"op": "add", "path": "/spec/type", "value": "NodePort"}]\npatchesJson6902:\n- target:\n    group: apps\n    version: v1\n    kind: Deployment\n    name: worker\n  path: worker.json.yaml\n',
      'worker.json.yaml': '- op: replace\n  path: /spec/replicas\n  value: 5\n- op: remove\n  path: /metadata/labels/tmp\n',
      'app.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    tmp: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: main\n        image: web:1\n        args: [--port=80]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n    tmp: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: main\n        image: api:1\n        args: [--port=80]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\n  labels:\n    tmp: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: worker\n  template:\n    metadata:\n      labels:\n        app: worker\n    spec:\n      containers:\n      - name: main\n        image: worker:1\n        args: [--port=80]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: front\n  labels:\n    tier: front\n  annotations:\n    expose: "true"\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: back\nspec:\n  ports:\n  - port: 80\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: back\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    expose: "true"\n  labels:\n    tier: front\n  name: front\nspec:\n  ports:\n  - port: 8080\n  type: NodePort\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    tmp: x\n  name: api\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - args:\n        - --port=80\n        - --verbose\n        image: api:1\n        name: main\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    tmp: x\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - args:\n        - --port=80\n        - --verbose\n        image: web:1\n        name: main\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels: {}\n  name: worker\nspec:\n  replicas: 5\n  selector:\n    matchLabels:\n      app: worker\n  template:\n    metadata:\n      labels:\n        app: worker\n    spec:\n      containers:\n      - args:\n        - --port=80\n        image: worker:1\n        name: main\n',
  },
  'replicas and images': {
    build: '',
    files: {
      'kustomization.yaml':
        'resources:\n- app.yaml\nreplicas:\n- name: web\n  count: 3\nimages:\n- name: nginx\n  newName: registry.example.com/nginx\n  newTag: "1.27"\n- name: busybox\n  digest: sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3\n',
      'app.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      initContainers:\n      - name: init\n        image: busybox:1.36\n      containers:\n      - name: web\n        image: nginx:1.25\n      - name: other\n        image: nginxinc/nginx-unprivileged:1.25\n',
    },
    expected:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: registry.example.com/nginx:1.27\n        name: web\n      - image: nginxinc/nginx-unprivileged:1.25\n        name: other\n      initContainers:\n      - image: busybox@sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3\n        name: init\n',
  },
  'generators hash their names and the references follow': {
    build: '',
    files: {
      'kustomization.yaml':
        'namePrefix: shop-\nresources:\n- app.yaml\ngeneratorOptions:\n  labels:\n    generated: "yes"\nconfigMapGenerator:\n- name: settings\n  literals:\n  - MODE=fast\n  - \'GREETING="hello world"\'\n  files:\n  - app.properties\n  - custom=app.properties\n- name: plain\n  literals: [a=b]\n  options:\n    disableNameSuffixHash: true\nsecretGenerator:\n- name: creds\n  literals:\n  - password=hunter2\n  envs:\n  - creds.env\n',
      'app.properties': 'color=blue\nsize=10\n',
      'creds.env': '# comment\nUSER=admin\n\nTOKEN=abc=def\n',
      'app.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: web\n        envFrom:\n        - configMapRef:\n            name: settings\n        - secretRef:\n            name: creds\n        env:\n        - name: A\n          valueFrom:\n            configMapKeyRef:\n              name: plain\n              key: a\n      volumes:\n      - name: cfg\n        configMap:\n          name: settings\n      - name: sec\n        secret:\n          secretName: creds\n',
    },
    expected:
      'apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  labels:\n    generated: "yes"\n  name: shop-plain\n---\napiVersion: v1\ndata:\n  GREETING: hello world\n  MODE: fast\n  app.properties: |\n    color=blue\n    size=10\n  custom: |\n    color=blue\n    size=10\nkind: ConfigMap\nmetadata:\n  labels:\n    generated: "yes"\n  name: shop-settings-d97kthtcdf\n---\napiVersion: v1\ndata:\n  TOKEN: YWJjPWRlZg==\n  USER: YWRtaW4=\n  password: aHVudGVyMg==\nkind: Secret\nmetadata:\n  labels:\n    generated: "yes"\n  name: shop-creds-85t6d82hf7\ntype: Opaque\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - env:\n        - name: A\n          valueFrom:\n            configMapKeyRef:\n              key: a\n              name: shop-plain\n        envFrom:\n        - configMapRef:\n            name: shop-settings-d97kthtcdf\n        - secretRef:\n            name: shop-creds-85t6d82hf7\n        image: web\n        name: web\n      volumes:\n      - configMap:\n          name: shop-settings-d97kthtcdf\n        name: cfg\n      - name: sec\n        secret:\n          secretName: shop-creds-85t6d82hf7\n',
  },
  'generator behavior merge in an overlay': {
    build: 'overlay',
    files: {
      'base/kustomization.yaml': 'resources:\n- app.yaml\nconfigMapGenerator:\n- name: settings\n  literals: [a=1, b=2]\n',
      'base/app.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: c\n    envFrom:\n    - configMapRef:\n        name: settings\n',
      'overlay/kustomization.yaml':
        'resources:\n- ../base\nconfigMapGenerator:\n- name: settings\n  behavior: merge\n  literals: [b=3, c=4]\n',
    },
    expected:
      'apiVersion: v1\ndata:\n  a: "1"\n  b: "3"\n  c: "4"\nkind: ConfigMap\nmetadata:\n  name: settings-fbcmkbc66h\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - envFrom:\n    - configMapRef:\n        name: settings-fbcmkbc66h\n    image: c\n    name: c\n',
  },
  'components apply to what the kustomization holds so far': {
    build: '',
    files: {
      'kustomization.yaml': 'resources:\n- app.yaml\ncomponents:\n- comp\n',
      'app.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
      'comp/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- extra.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n    spec:\n      type: NodePort\n      ports:\n      - port: 80\n        nodePort: 30080\ncommonLabels:\n  comp: "on"\n',
      'comp/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  k: v\n',
    },
    expected:
      'apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  labels:\n    comp: "on"\n  name: extra\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    comp: "on"\n  name: web\nspec:\n  ports:\n  - nodePort: 30080\n    port: 80\n  selector:\n    app: web\n    comp: "on"\n  type: NodePort\n',
  },
  'replacements copy a field into others': {
    build: '',
    files: {
      'kustomization.yaml':
        'resources:\n- app.yaml\nreplacements:\n- source:\n    kind: Service\n    name: backend\n    fieldPath: spec.ports.0.port\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.[name=web].env.[name=BACKEND_PORT].value\n- source:\n    kind: Service\n    name: backend\n  targets:\n  - select:\n      kind: Ingress\n    fieldPaths:\n    - spec.rules.0.http.paths.0.backend.service.name\n    options:\n      create: true\n- source:\n    kind: ConfigMap\n    name: cfg\n    fieldPath: data.host\n    options:\n      delimiter: "."\n      index: 0\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.0.image\n    options:\n      delimiter: ":"\n      index: 1\n',
      'app.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: backend\nspec:\n  ports:\n  - port: 8443\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  host: v7.example.com\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: web:latest\n        env:\n        - name: BACKEND_PORT\n          value: "0"\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: placeholder\n            port:\n              number: 80\n',
    },
    expected:
      'apiVersion: v1\ndata:\n  host: v7.example.com\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: backend\nspec:\n  ports:\n  - port: 8443\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - env:\n        - name: BACKEND_PORT\n          value: "8443"\n        image: web:v7\n        name: web\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - backend:\n          service:\n            name: backend\n            port:\n              number: 80\n        path: /\n        pathType: Prefix\n',
  },
  'vars fill $(NAME) in container args': {
    build: '',
    files: {
      'kustomization.yaml':
        'resources:\n- app.yaml\nnamePrefix: x-\nvars:\n- name: SVC\n  objref:\n    kind: Service\n    name: db\n    apiVersion: v1\n',
      'app.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n  - port: 5432\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  containers:\n  - name: c\n    image: c\n    args: ["--db=$(SVC):5432"]\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: x-db\nspec:\n  ports:\n  - port: 5432\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x-client\nspec:\n  containers:\n  - args:\n    - --db=x-db:5432\n    image: c\n    name: c\n',
  },
  'configurations add field specs for custom resources': {
    build: '',
    files: {
      'kustomization.yaml': 'namePrefix: p-\ncommonLabels:\n  team: a\nresources:\n- app.yaml\nconfigurations:\n- conf.yaml\n',
      'conf.yaml':
        'nameReference:\n- kind: Service\n  fieldSpecs:\n  - kind: Route\n    group: example.com\n    path: spec/to/name\ncommonLabels:\n- kind: Route\n  group: example.com\n  path: spec/selector\n  create: true\n',
      'app.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n---\napiVersion: example.com/v1\nkind: Route\nmetadata:\n  name: r\nspec:\n  to:\n    name: web\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    team: a\n  name: p-web\nspec:\n  ports:\n  - port: 80\n  selector:\n    team: a\n---\napiVersion: example.com/v1\nkind: Route\nmetadata:\n  labels:\n    team: a\n  name: p-r\nspec:\n  selector:\n    team: a\n  to:\n    name: p-web\n',
  },
  'builtin transformer configurations under transformers:': {
    build: '',
    files: {
      'kustomization.yaml': 'resources:\n- app.yaml\ntransformers:\n- labels.yaml\n- prefix.yaml\n',
      'labels.yaml':
        'apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: labels\nlabels:\n  env: dev\nfieldSpecs:\n- path: metadata/labels\n  create: true\n',
      'prefix.yaml':
        'apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: p\nprefix: dev-\nfieldSpecs:\n- path: metadata/name\n',
      'app.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    env: dev\n  name: dev-web\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: web\n',
  },
  'an overlay on a prefixed base: patches by the base name, references, HPA and PVCs follow': {
    build: 'overlay',
    files: {
      'base/kustomization.yaml': 'namePrefix: b-\nresources:\n- app.yaml\ncommonLabels:\n  layer: base\n',
      'base/app.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: main\n        image: localhost:5000/web:1.0\n        ports:\n        - containerPort: 80\n          name: http\n        - containerPort: 9090\n          name: metrics\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: data\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 1\n  maxReplicas: 3\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres\n  volumeClaimTemplates:\n  - metadata:\n      name: pg\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 5432\n',
      'overlay/kustomization.yaml':
        'namespace: o\nnameSuffix: -x\nresources:\n- ../base\ncommonLabels:\n  layer: overlay\nreplicas:\n- name: b-db\n  count: 2\nimages:\n- name: localhost:5000/web\n  newTag: "2.0"\npatchesStrategicMerge:\n- patches.yaml\npatches:\n- target:\n    kind: Service\n  patch: |-\n    - op: remove\n      path: /spec/ports/0/port\n    - op: add\n      path: /spec/ports/0/port\n      value: 5433\n    - op: test\n      path: /spec/clusterIP\n      value: None\n    - op: copy\n      from: /spec/ports/0/port\n      path: /spec/ports/0/targetPort\n',
      'overlay/patches.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: main\n        ports:\n        - containerPort: 9090\n          $patch: delete\n        resources: null\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    metadata:\n      labels:\n        extra: "true"\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    layer: overlay\n  name: b-db-x\n  namespace: o\nspec:\n  clusterIP: None\n  ports:\n  - port: 5433\n    targetPort: 5433\n  selector:\n    app: db\n    layer: overlay\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  labels:\n    layer: overlay\n  name: b-data-x\n  namespace: o\nspec:\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    layer: overlay\n  name: b-web-x\n  namespace: o\nspec:\n  selector:\n    matchLabels:\n      app: web\n      layer: overlay\n  template:\n    metadata:\n      labels:\n        app: web\n        layer: overlay\n    spec:\n      containers:\n      - image: localhost:5000/web:2.0\n        name: main\n        ports:\n        - containerPort: 80\n          name: http\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: b-data-x\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  labels:\n    layer: overlay\n  name: b-db-x\n  namespace: o\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: db\n      layer: overlay\n  serviceName: b-db-x\n  template:\n    metadata:\n      labels:\n        app: db\n        extra: "true"\n        layer: overlay\n    spec:\n      containers:\n      - image: postgres\n        name: db\n  volumeClaimTemplates:\n  - metadata:\n      labels:\n        layer: overlay\n      name: pg\n    spec:\n      accessModes:\n      - ReadWriteOnce\n      resources:\n        requests:\n          storage: 1Gi\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  labels:\n    layer: overlay\n  name: b-web-x\n  namespace: o\nspec:\n  maxReplicas: 3\n  minReplicas: 1\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: b-web-x\n',
  },
  'CronJobs, RBAC, webhooks and a TLS secret under a namespace and prefix': {
    build: '',
    files: {
      'kustomization.yaml':
        'namespace: sys\nnamePrefix: p-\ncommonLabels:\n  team: infra\ncommonAnnotations:\n  note: "x: y"\nresources:\n- app.yaml\nsecretGenerator:\n- name: tls\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n  - tls.key\nconfigMapGenerator:\n- name: env\n  envs:\n  - app.env\n  options:\n    immutable: true\n    annotations:\n      a: b\n',
      'tls.crt': 'CERT\n',
      'tls.key': 'KEY\n',
      'app.env': 'A="quoted"\nB=plain value\n',
      'app.yaml':
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: job\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          serviceAccountName: runner\n          containers:\n          - name: c\n            image: busybox\n            envFrom:\n            - configMapRef:\n                name: env\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: runner\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: runner\nsubjects:\n- kind: ServiceAccount\n  name: runner\n  namespace: old\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: runner\nrules:\n- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [tls]\n  verbs: [get]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: hook\nspec:\n  ports:\n  - port: 443\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: hook\nwebhooks:\n- name: v.example.com\n  admissionReviewVersions: [v1]\n  sideEffects: None\n  clientConfig:\n    service:\n      name: hook\n      namespace: old\n      path: /validate\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n  - hosts: [a.example.com]\n    secretName: tls\n  defaultBackend:\n    service:\n      name: hook\n      port:\n        number: 443\n',
    },
    expected:
      "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-runner\n  namespace: sys\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  annotations:\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-runner\nrules:\n- apiGroups:\n  - \"\"\n  resourceNames:\n  - p-tls-2bk8c2k248\n  resources:\n  - secrets\n  verbs:\n  - get\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  annotations:\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-runner\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: p-runner\nsubjects:\n- kind: ServiceAccount\n  name: runner\n  namespace: old\n---\napiVersion: v1\ndata:\n  A: '\"quoted\"'\n  B: plain value\nimmutable: true\nkind: ConfigMap\nmetadata:\n  annotations:\n    a: b\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-env-chdb752m9g\n  namespace: sys\n---\napiVersion: v1\ndata:\n  tls.crt: Q0VSVAo=\n  tls.key: S0VZCg==\nkind: Secret\nmetadata:\n  annotations:\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-tls-2bk8c2k248\n  namespace: sys\ntype: kubernetes.io/tls\n---\napiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-hook\n  namespace: sys\nspec:\n  ports:\n  - port: 443\n  selector:\n    team: infra\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  annotations:\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-job\n  namespace: sys\nspec:\n  jobTemplate:\n    metadata:\n      annotations:\n        note: 'x: y'\n      labels:\n        team: infra\n    spec:\n      template:\n        metadata:\n          annotations:\n            note: 'x: y'\n          labels:\n            team: infra\n        spec:\n          containers:\n          - envFrom:\n            - configMapRef:\n                name: p-env-chdb752m9g\n            image: busybox\n            name: c\n          restartPolicy: Never\n          serviceAccountName: p-runner\n  schedule: '*/5 * * * *'\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  annotations:\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-web\n  namespace: sys\nspec:\n  defaultBackend:\n    service:\n      name: p-hook\n      port:\n        number: 443\n  tls:\n  - hosts:\n    - a.example.com\n    secretName: p-tls-2bk8c2k248\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  annotations:\n    note: 'x: y'\n  labels:\n    team: infra\n  name: p-hook\nwebhooks:\n- admissionReviewVersions:\n  - v1\n  clientConfig:\n    service:\n      name: hook\n      namespace: old\n      path: /validate\n  name: v.example.com\n  sideEffects: None\n",
  },
  'strategic merge directives: retainKeys, deleteFromPrimitiveList, setElementOrder, replace of a map': {
    build: '',
    files: {
      'kustomization.yaml': 'resources:\n- app.yaml\npatches:\n- path: p.yaml\n',
      'app.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  finalizers: [a, b, c]\nspec:\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n        old: "1"\n    spec:\n      containers:\n      - name: a\n        image: a\n      - name: b\n        image: b\n',
      'p.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  $deleteFromPrimitiveList/finalizers: [b]\nspec:\n  strategy:\n    $retainKeys: [type]\n    type: Recreate\n  template:\n    metadata:\n      labels:\n        $patch: replace\n        app: web\n        new: "2"\n    spec:\n      $setElementOrder/containers:\n      - name: b\n      - name: a\n      containers:\n      - name: b\n        image: b2\n',
    },
    expected:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  $deleteFromPrimitiveList/finalizers:\n  - b\n  finalizers:\n  - a\n  - b\n  - c\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  strategy:\n    $retainKeys:\n    - type\n    rollingUpdate:\n      maxSurge: 1\n    type: Recreate\n  template:\n    metadata:\n      labels:\n        app: web\n        new: "2"\n    spec:\n      $setElementOrder/containers:\n      - name: b\n      - name: a\n      containers:\n      - image: b2\n        name: b\n      - image: a\n        name: a\n',
  },
  'nested components, bases:, Kustomization file names, labels with fields': {
    build: '',
    files: {
      Kustomization:
        'bases:\n- base\ncomponents:\n- c1\nlabels:\n- pairs:\n    x: z\n  fields:\n  - kind: Service\n    path: spec/selector\n    create: false\n',
      'base/kustomization.yml': 'resources:\n- svc.yaml\n',
      'base/svc.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  selector:\n    app: api\n  ports:\n  - port: 80\n',
      'c1/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncomponents:\n- ../c2\nnameSuffix: -c1\n',
      'c2/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- target:\n    name: api\n  patch: |-\n    - op: replace\n      path: /spec/ports/0/port\n      value: 8080\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: api\n    x: z\n  name: api-c1\nspec:\n  ports:\n  - port: 8080\n  selector:\n    app: api\n    x: z\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: web\n    x: z\n  name: web-c1\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: web\n    x: z\n',
  },
  'patch targets by namespace and allowNameChange': {
    build: '',
    files: {
      'kustomization.yaml':
        'namespace: new\nresources:\n- a.yaml\npatches:\n- target:\n    kind: Service\n    namespace: old\n  patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: any\n    spec:\n      type: NodePort\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: b\n      namespace: other\n    spec:\n      sessionAffinity: ClientIP\n- target:\n    name: c\n  options:\n    allowNameChange: true\n  patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: c-renamed\n',
      'a.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  namespace: old\n  labels:\n    app: a\nspec:\n  selector:\n    app: a\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  namespace: other\n  labels:\n    app: b\nspec:\n  selector:\n    app: b\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: c\n  labels:\n    app: c\nspec:\n  selector:\n    app: c\n  ports:\n  - port: 80\n',
    },
    expected:
      'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: a\n  name: a\n  namespace: new\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: a\n  type: NodePort\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: b\n  name: b\n  namespace: new\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: b\n  sessionAffinity: ClientIP\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: c\n  name: c-renamed\n  namespace: new\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: c\n',
  },
  'replacements from a file, with reject, and images by digest': {
    build: '',
    files: {
      'kustomization.yaml':
        'resources:\n- a.yaml\nreplacements:\n- path: repl.yaml\nimages:\n- name: app\n  newName: registry.example.com/app\n- name: redis\n  newTag: "7"\n',
      'repl.yaml':
        'source:\n  kind: ConfigMap\n  name: cfg\n  fieldPath: data.port\ntargets:\n- select:\n    kind: Service\n  reject:\n  - name: b\n  fieldPaths:\n  - spec.ports.0.targetPort\n  options:\n    create: true\n',
      'a.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  port: "8080"\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels:\n    app: a\nspec:\n  selector:\n    app: a\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  labels:\n    app: b\nspec:\n  selector:\n    app: b\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app@sha256:0000000000000000000000000000000000000000000000000000000000000000\n  - name: redis\n    image: redis@sha256:1111111111111111111111111111111111111111111111111111111111111111\n',
    },
    expected:
      'apiVersion: v1\ndata:\n  port: "8080"\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: a\n  name: a\nspec:\n  ports:\n  - port: 80\n    targetPort: 8080\n  selector:\n    app: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: b\n  name: b\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: b\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: registry.example.com/app@sha256:0000000000000000000000000000000000000000000000000000000000000000\n    name: app\n  - image: redis:7\n    name: redis\n',
  },
  'vars: whole values keep their type, varReference from configurations, local-config objects dropped': {
    build: '',
    files: {
      'kustomization.yaml':
        'resources:\n- app.yaml\nconfigurations:\n- varref.yaml\nvars:\n- name: PORT\n  objref:\n    kind: ConfigMap\n    name: cfg\n    apiVersion: v1\n  fieldref:\n    fieldpath: data.port\n- name: HOST\n  objref:\n    kind: Service\n    name: web\n    apiVersion: v1\n',
      'varref.yaml': 'varReference:\n- kind: Widget\n  path: spec/url\n',
      'app.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  port: "8080"\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    url: http://$(HOST):$(PORT)/\nspec:\n  ports:\n  - port: 80\n    targetPort: $(PORT)\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  url: $(HOST)\n  other: $(HOST)\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n  annotations:\n    config.kubernetes.io/local-config: "true"\n',
    },
    expected:
      'apiVersion: v1\ndata:\n  port: "8080"\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\napiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    url: http://web:8080/\n  name: web\nspec:\n  ports:\n  - port: 80\n    targetPort: "8080"\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  other: $(HOST)\n  url: web\n',
  },
  'sortOptions fifo keeps the order of the resources': {
    build: '',
    files: {
      'kustomization.yaml': 'sortOptions:\n  order: fifo\nresources:\n- app.yaml\n',
      'app.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: z\nspec:\n  selector:\n    matchLabels:\n      app: z\n  template:\n    metadata:\n      labels:\n        app: z\n    spec:\n      containers:\n      - name: c\n        image: c\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n',
    },
    expected:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: z\nspec:\n  selector:\n    matchLabels:\n      app: z\n  template:\n    metadata:\n      labels:\n        app: z\n    spec:\n      containers:\n      - image: c\n        name: c\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: "n"\n',
  },
};
