#!/usr/bin/env node
// Validates Kubernetes objects against the JSON schemas that kubernetes-models generates from the
// Kubernetes OpenAPI spec: types, required fields, int32/int64, base64 and quantity formats. It
// does not know the apiserver's own rules (name syntax, port names, uniqueness); the test server's
// Validation/ folder covers those.
//
//   node validate.mjs [FILE...]      (no FILE or "-": standard input)
//
// Input: YAML (one or more documents) or JSON: an object, an array of objects, or a *List.
// Output: one line per invalid object on stdout, "Kind namespace/name: field: error; ...";
// a summary on stderr. Exit code 0 when all are valid, 1 when any is not, 2 when input is unreadable.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const sources = process.argv.slice(2);
const texts = sources.length === 0 ? [["stdin", readFileSync(0, "utf8")]]
  : sources.map((file) => [file, readFileSync(file === "-" ? 0 : file, "utf8")]);

const objects = [];
for (const [source, text] of texts) {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      console.error(`${source}: not YAML or JSON: ${document.errors[0].message}`);
      process.exit(2);
    }

    collect(document.toJS(), objects);
  }
}

let invalid = 0;
for (const object of objects) {
  const errors = await validate(object);
  if (errors.length > 0) {
    invalid++;
    console.log(`${describe(object)}: ${errors.join("; ")}`);
  }
}

console.error(`schema-check: ${objects.length} objects, ${invalid} invalid`);
process.exit(invalid > 0 ? 1 : 0);

// Arrays and kind: *List are flattened, so `kubectl get -o json` output can be checked as it is.
function collect(value, into) {
  if (value === null || value === undefined) {
    return;
  }

  if (Array.isArray(value)) {
    value.forEach((item) => collect(item, into));
  } else if (typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) {
    value.items.forEach((item) => collect(item, into));
  } else {
    into.push(value);
  }
}

async function validate(object) {
  const model = await modelFor(object);
  if (typeof model === "string") {
    return [model];
  }

  try {
    new model(object).validate();
    return [];
  } catch (error) {
    if (!Array.isArray(error.errors)) {
      throw error;
    }

    return error.errors.map((e) => `${fieldPath(e.instancePath)}: ${e.message}`);
  }
}

// kubernetes-models has one module per apiVersion and kind: "apps/v1" + "Deployment" is
// kubernetes-models/apps/v1/Deployment; the core group is kubernetes-models/v1/Service.
async function modelFor(object) {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return "apiVersion and kind are required";
  }

  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return `no schema for apiVersion "${apiVersion}", kind "${kind}"`;
  }

  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    const model = module[kind];
    // Only top-level kinds carry apiVersion/kind; a nested type (v1/Container) is not an object.
    if (model?.apiVersion === apiVersion && model?.kind === kind) {
      return model;
    }
  } catch (error) {
    if (error.code !== "ERR_MODULE_NOT_FOUND" && error.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") {
      throw error;
    }
  }

  return `no schema for apiVersion "${apiVersion}", kind "${kind}"`;
}

// "/spec/template/spec/containers/0/ports/0/name" -> "spec.template.spec.containers[0].ports[0].name",
// the field path the apiserver's own messages use.
function fieldPath(pointer) {
  if (pointer === "") {
    return "(root)";
  }

  return pointer.slice(1).split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((path, part) => /^[0-9]+$/.test(part) ? `${path}[${part}]` : path === "" ? part : `${path}.${part}`, "");
}

function describe(object) {
  const metadata = object.metadata ?? {};
  const name = metadata.name ?? metadata.generateName ?? "(no name)";
  return `${object.kind ?? "(no kind)"} ${metadata.namespace ? `${metadata.namespace}/` : ""}${name}`;
}
