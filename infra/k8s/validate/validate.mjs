// Validates every object of rendered manifests (multi-document YAML files named as arguments)
// against its schema: Kubernetes' own (kubernetes-models) and the Strimzi, ECK, CloudNativePG and
// Prometheus Operator CRDs' (their @kubernetes-models packages: the operators' CRD schemas
// compiled to validators; versions pinned in package-lock.json, licences in node_modules/*/LICENSE).
// An object of a kind none of them knows fails too. Exit status 1 on any failure.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const packages = {
  v1: "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "kafka.strimzi.io/v1beta2": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2",
  "elasticsearch.k8s.elastic.co/v1":
    "@kubernetes-models/elastic-cloud/elasticsearch.k8s.elastic.co/v1",
  "postgresql.cnpg.io/v1": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.error(`${file}: not YAML: ${document.errors[0].message}`);
      failures++;
      continue;
    }
    const object = document.toJS();
    if (object == null) {
      continue;
    }
    const name = `${file}: ${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
    const module = packages[object.apiVersion];
    if (module === undefined) {
      console.error(`${name}: no schema for apiVersion ${object.apiVersion}`);
      failures++;
      continue;
    }
    let model;
    try {
      model = (await import(`${module}/${object.kind}`))[object.kind];
    } catch (e) {
      console.error(`${name}: no schema for kind ${object.kind} in ${module}`);
      failures++;
      continue;
    }
    try {
      new model(object).validate();
      checked++;
    } catch (e) {
      console.error(`${name}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`${checked} objects valid, ${failures} failures`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
