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
  "namespace, namePrefix and nameSuffix rename objects and the references to them": {
    build: "overlays/prod",
    files: {
      "base/kustomization.yaml": "resources:\n- app.yaml\n",
      "base/app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n  - port: 80\n    targetPort: http\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: api\nspec:\n  serviceName: api\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      serviceAccountName: api\n      containers:\n      - name: api\n        image: api:1\n        envFrom:\n        - configMapRef:\n            name: settings\n        env:\n        - name: PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: creds\n              key: password\n      volumes:\n      - name: cfg\n        configMap:\n          name: settings\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: api\n            port:\n              number: 80\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: hunter2\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: api\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- kind: ServiceAccount\n  name: api\n- kind: ServiceAccount\n  name: default\n",
      "overlays/prod/kustomization.yaml": "namespace: prod\nnamePrefix: prod-\nnameSuffix: -v2\nresources:\n- ../../base\n",
    },
    expected: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: prod-api-v2\n  namespace: prod\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: prod-api-v2\n  namespace: prod\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- kind: ServiceAccount\n  name: prod-api-v2\n  namespace: prod\n- kind: ServiceAccount\n  name: default\n  namespace: prod\n---\napiVersion: v1\ndata:\n  mode: fast\nkind: ConfigMap\nmetadata:\n  name: prod-settings-v2\n  namespace: prod\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: prod-creds-v2\n  namespace: prod\nstringData:\n  password: hunter2\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: prod-api-v2\n  namespace: prod\nspec:\n  ports:\n  - port: 80\n    targetPort: http\n  selector:\n    app: api\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: prod-api-v2\n  namespace: prod\nspec:\n  selector:\n    matchLabels:\n      app: api\n  serviceName: prod-api-v2\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - env:\n        - name: PASSWORD\n          valueFrom:\n            secretKeyRef:\n              key: password\n              name: prod-creds-v2\n        envFrom:\n        - configMapRef:\n            name: prod-settings-v2\n        image: api:1\n        name: api\n      serviceAccountName: prod-api-v2\n      volumes:\n      - configMap:\n          name: prod-settings-v2\n        name: cfg\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: prod-api-v2\n  namespace: prod\nspec:\n  rules:\n  - http:\n      paths:\n      - backend:\n          service:\n            name: prod-api-v2\n            port:\n              number: 80\n        path: /\n        pathType: Prefix\n",
  },
  "labels: includeSelectors, includeTemplates, commonLabels and commonAnnotations": {
    build: "",
    files: {
      "kustomization.yaml": "resources:\n- app.yaml\nlabels:\n- pairs:\n    team: a\n- pairs:\n    tier: web\n  includeTemplates: true\n- pairs:\n    app.kubernetes.io/part-of: shop\n  includeSelectors: true\ncommonLabels:\n  env: prod\ncommonAnnotations:\n  owner: ops\n",
      "app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n",
    },
    expected: "apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    owner: ops\n  labels:\n    app.kubernetes.io/part-of: shop\n    env: prod\n    team: a\n    tier: web\n  name: web\nspec:\n  ports:\n  - port: 80\n  selector:\n    app.kubernetes.io/part-of: shop\n    env: prod\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    owner: ops\n  labels:\n    app.kubernetes.io/part-of: shop\n    env: prod\n    team: a\n    tier: web\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n      app.kubernetes.io/part-of: shop\n      env: prod\n  template:\n    metadata:\n      annotations:\n        owner: ops\n      labels:\n        app: web\n        app.kubernetes.io/part-of: shop\n        env: prod\n        tier: web\n    spec:\n      containers:\n      - image: nginx\n        name: web\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  annotations:\n    owner: ops\n  labels:\n    app.kubernetes.io/part-of: shop\n    env: prod\n    team: a\n    tier: web\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n      app.kubernetes.io/part-of: shop\n      env: prod\n",
  },
  "strategic merge patches merge containers, ports, env and volumes by their keys, and delete or replace": {
    build: "",
    files: {
      "kustomization.yaml": "resources:\n- app.yaml\npatches:\n- path: patch.yaml\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n    spec:\n      ports:\n      - port: 80\n        targetPort: 8081\n      - port: 443\n        name: https\n        targetPort: 8443\n- patch: |-\n    $patch: delete\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: old\npatchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    template:\n      spec:\n        volumes:\n        - name: tmp\n          $patch: delete\n        - name: data\n          emptyDir:\n            medium: Memory\n",
      "app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    name: http\n    targetPort: 8080\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        ports:\n        - containerPort: 8080\n          name: http\n        env:\n        - name: A\n          value: \"1\"\n        - name: B\n          value: \"2\"\n      - name: sidecar\n        image: proxy\n        args: [\"--a\", \"--b\"]\n      volumes:\n      - name: tmp\n        emptyDir: {}\n      - name: data\n        emptyDir: {}\n",
      "patch.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        ports:\n        - containerPort: 8081\n          name: metrics\n        env:\n        - name: B\n          value: \"20\"\n      - name: sidecar\n        args: [\"--c\"]\n      - $patch: replace\n        name: ignored\n",
    },
    expected: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8081\n  - name: https\n    port: 443\n    targetPort: 8443\n  selector:\n    app: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - env:\n        - name: B\n          value: \"20\"\n        - name: A\n          value: \"1\"\n        image: web:1\n        name: web\n        ports:\n        - containerPort: 8081\n          name: metrics\n        - containerPort: 8080\n          name: http\n      - args:\n        - --c\n        image: proxy\n        name: sidecar\n      - name: ignored\n      volumes:\n      - emptyDir:\n          medium: Memory\n        name: data\n",
  },
  "JSON 6902 patches select targets by kind, regex name, label and annotation selectors": {
    build: "",
    files: {
      "kustomization.yaml": "resources:\n- app.yaml\npatches:\n- target:\n    kind: Deployment\n    name: \"(web|api)\"\n  patch: |-\n    - op: add\n      path: /spec/template/spec/containers/0/args/-\n      value: --verbose\n- target:\n    labelSelector: tier=front\n  patch: |-\n    - op: replace\n      path: /spec/ports/0/port\n      value: 8080\n- target:\n    annotationSelector: expose=true\n  patch: |-\n    [{\"op\": \"add\", \"path\": \"/spec/type\", \"value\": \"NodePort\"}]\npatchesJson6902:\n- target:\n    group: apps\n    version: v1\n    kind: Deployment\n    name: worker\n  path: worker.json.yaml\n",
      "worker.json.yaml": "- op: replace\n  path: /spec/replicas\n  value: 5\n- op: remove\n  path: /metadata/labels/tmp\n",
      "app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    tmp: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: main\n        image: web:1\n        args: [--port=80]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n    tmp: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: main\n        image: api:1\n        args: [--port=80]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\n  labels:\n    tmp: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: worker\n  template:\n    metadata:\n      labels:\n        app: worker\n    spec:\n      containers:\n      - name: main\n        image: worker:1\n        args: [--port=80]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: front\n  labels:\n    tier: front\n  annotations:\n    expose: \"true\"\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: back\nspec:\n  ports:\n  - port: 80\n",
    },
    expected: "apiVersion: v1\nkind: Service\nmetadata:\n  name: back\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    expose: \"true\"\n  labels:\n    tier: front\n  name: front\nspec:\n  ports:\n  - port: 8080\n  type: NodePort\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    tmp: x\n  name: api\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - args:\n        - --port=80\n        - --verbose\n        image: api:1\n        name: main\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    tmp: x\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - args:\n        - --port=80\n        - --verbose\n        image: web:1\n        name: main\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels: {}\n  name: worker\nspec:\n  replicas: 5\n  selector:\n    matchLabels:\n      app: worker\n  template:\n    metadata:\n      labels:\n        app: worker\n    spec:\n      containers:\n      - args:\n        - --port=80\n        image: worker:1\n        name: main\n",
  },
  "replicas and images": {
    build: "",
    files: {
      "kustomization.yaml": "resources:\n- app.yaml\nreplicas:\n- name: web\n  count: 3\nimages:\n- name: nginx\n  newName: registry.example.com/nginx\n  newTag: \"1.27\"\n- name: busybox\n  digest: sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3\n",
      "app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      initContainers:\n      - name: init\n        image: busybox:1.36\n      containers:\n      - name: web\n        image: nginx:1.25\n      - name: other\n        image: nginxinc/nginx-unprivileged:1.25\n",
    },
    expected: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: registry.example.com/nginx:1.27\n        name: web\n      - image: nginxinc/nginx-unprivileged:1.25\n        name: other\n      initContainers:\n      - image: busybox@sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3\n        name: init\n",
  },
  "generators hash their names and the references follow": {
    build: "",
    files: {
      "kustomization.yaml": "namePrefix: shop-\nresources:\n- app.yaml\ngeneratorOptions:\n  labels:\n    generated: \"yes\"\nconfigMapGenerator:\n- name: settings\n  literals:\n  - MODE=fast\n  - 'GREETING=\"hello world\"'\n  files:\n  - app.properties\n  - custom=app.properties\n- name: plain\n  literals: [a=b]\n  options:\n    disableNameSuffixHash: true\nsecretGenerator:\n- name: creds\n  literals:\n  - password=hunter2\n  envs:\n  - creds.env\n",
      "app.properties": "color=blue\nsize=10\n",
      "creds.env": "# comment\nUSER=admin\n\nTOKEN=abc=def\n",
      "app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: web\n        envFrom:\n        - configMapRef:\n            name: settings\n        - secretRef:\n            name: creds\n        env:\n        - name: A\n          valueFrom:\n            configMapKeyRef:\n              name: plain\n              key: a\n      volumes:\n      - name: cfg\n        configMap:\n          name: settings\n      - name: sec\n        secret:\n          secretName: creds\n",
    },
    expected: "apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  labels:\n    generated: \"yes\"\n  name: shop-plain\n---\napiVersion: v1\ndata:\n  GREETING: hello world\n  MODE: fast\n  app.properties: |\n    color=blue\n    size=10\n  custom: |\n    color=blue\n    size=10\nkind: ConfigMap\nmetadata:\n  labels:\n    generated: \"yes\"\n  name: shop-settings-d97kthtcdf\n---\napiVersion: v1\ndata:\n  TOKEN: YWJjPWRlZg==\n  USER: YWRtaW4=\n  password: aHVudGVyMg==\nkind: Secret\nmetadata:\n  labels:\n    generated: \"yes\"\n  name: shop-creds-85t6d82hf7\ntype: Opaque\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - env:\n        - name: A\n          valueFrom:\n            configMapKeyRef:\n              key: a\n              name: shop-plain\n        envFrom:\n        - configMapRef:\n            name: shop-settings-d97kthtcdf\n        - secretRef:\n            name: shop-creds-85t6d82hf7\n        image: web\n        name: web\n      volumes:\n      - configMap:\n          name: shop-settings-d97kthtcdf\n        name: cfg\n      - name: sec\n        secret:\n          secretName: shop-creds-85t6d82hf7\n",
  },
  "generator behavior merge in an overlay": {
    build: "overlay",
    files: {
      "base/kustomization.yaml": "resources:\n- app.yaml\nconfigMapGenerator:\n- name: settings\n  literals: [a=1, b=2]\n",
      "base/app.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: c\n    envFrom:\n    - configMapRef:\n        name: settings\n",
      "overlay/kustomization.yaml": "resources:\n- ../base\nconfigMapGenerator:\n- name: settings\n  behavior: merge\n  literals: [b=3, c=4]\n",
    },
    expected: "apiVersion: v1\ndata:\n  a: \"1\"\n  b: \"3\"\n  c: \"4\"\nkind: ConfigMap\nmetadata:\n  name: settings-fbcmkbc66h\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - envFrom:\n    - configMapRef:\n        name: settings-fbcmkbc66h\n    image: c\n    name: c\n",
  },
  "components apply to what the kustomization holds so far": {
    build: "",
    files: {
      "kustomization.yaml": "resources:\n- app.yaml\ncomponents:\n- comp\n",
      "app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n",
      "comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- extra.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n    spec:\n      type: NodePort\n      ports:\n      - port: 80\n        nodePort: 30080\ncommonLabels:\n  comp: \"on\"\n",
      "comp/extra.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  k: v\n",
    },
    expected: "apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  labels:\n    comp: \"on\"\n  name: extra\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    comp: \"on\"\n  name: web\nspec:\n  ports:\n  - nodePort: 30080\n    port: 80\n  selector:\n    app: web\n    comp: \"on\"\n  type: NodePort\n",
  },
  "replacements copy a field into others": {
    build: "",
    files: {
      "kustomization.yaml": "resources:\n- app.yaml\nreplacements:\n- source:\n    kind: Service\n    name: backend\n    fieldPath: spec.ports.0.port\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.[name=web].env.[name=BACKEND_PORT].value\n- source:\n    kind: Service\n    name: backend\n  targets:\n  - select:\n      kind: Ingress\n    fieldPaths:\n    - spec.rules.0.http.paths.0.backend.service.name\n    options:\n      create: true\n- source:\n    kind: ConfigMap\n    name: cfg\n    fieldPath: data.host\n    options:\n      delimiter: \".\"\n      index: 0\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.0.image\n    options:\n      delimiter: \":\"\n      index: 1\n",
      "app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: backend\nspec:\n  ports:\n  - port: 8443\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  host: v7.example.com\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: web:latest\n        env:\n        - name: BACKEND_PORT\n          value: \"0\"\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: placeholder\n            port:\n              number: 80\n",
    },
    expected: "apiVersion: v1\ndata:\n  host: v7.example.com\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: backend\nspec:\n  ports:\n  - port: 8443\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - env:\n        - name: BACKEND_PORT\n          value: \"8443\"\n        image: web:v7\n        name: web\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - backend:\n          service:\n            name: backend\n            port:\n              number: 80\n        path: /\n        pathType: Prefix\n",
  },
  "vars fill $(NAME) in container args": {
    build: "",
    files: {
      "kustomization.yaml": "resources:\n- app.yaml\nnamePrefix: x-\nvars:\n- name: SVC\n  objref:\n    kind: Service\n    name: db\n    apiVersion: v1\n",
      "app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n  - port: 5432\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  containers:\n  - name: c\n    image: c\n    args: [\"--db=$(SVC):5432\"]\n",
    },
    expected: "apiVersion: v1\nkind: Service\nmetadata:\n  name: x-db\nspec:\n  ports:\n  - port: 5432\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x-client\nspec:\n  containers:\n  - args:\n    - --db=x-db:5432\n    image: c\n    name: c\n",
  },
  "configurations add field specs for custom resources": {
    build: "",
    files: {
      "kustomization.yaml": "namePrefix: p-\ncommonLabels:\n  team: a\nresources:\n- app.yaml\nconfigurations:\n- conf.yaml\n",
      "conf.yaml": "nameReference:\n- kind: Service\n  fieldSpecs:\n  - kind: Route\n    group: example.com\n    path: spec/to/name\ncommonLabels:\n- kind: Route\n  group: example.com\n  path: spec/selector\n  create: true\n",
      "app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n---\napiVersion: example.com/v1\nkind: Route\nmetadata:\n  name: r\nspec:\n  to:\n    name: web\n",
    },
    expected: "apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    team: a\n  name: p-web\nspec:\n  ports:\n  - port: 80\n  selector:\n    team: a\n---\napiVersion: example.com/v1\nkind: Route\nmetadata:\n  labels:\n    team: a\n  name: p-r\nspec:\n  selector:\n    team: a\n  to:\n    name: p-web\n",
  },
  "builtin transformer configurations under transformers:": {
    build: "",
    files: {
      "kustomization.yaml": "resources:\n- app.yaml\ntransformers:\n- labels.yaml\n- prefix.yaml\n",
      "labels.yaml": "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: labels\nlabels:\n  env: dev\nfieldSpecs:\n- path: metadata/labels\n  create: true\n",
      "prefix.yaml": "apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: p\nprefix: dev-\nfieldSpecs:\n- path: metadata/name\n",
      "app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n",
    },
    expected: "apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    env: dev\n  name: dev-web\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: web\n",
  },
};
