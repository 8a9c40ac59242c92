// Every request the Okta SDK makes of the sandbox, and every answer it gets, checked against JSON
// Schemas written from Okta's OpenAPI spec (schemas/okta; operations.json says which schema fits
// which operation and status). The sandbox reports exchanges through its onExchange hook; a test
// suite calls assertValid() after each test, so that one exchange off the spec fails the test.
import Ajv, { type AnySchema, type ValidateFunction } from 'ajv';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../harness/paths';
import { type OktaExchange } from '../sandbox/okta/oktaServer';

interface OperationSchemas {
  request?: AnySchema;
  responses: Record<string, { body?: AnySchema; headers?: AnySchema }>;
  errors?: AnySchema;
}

const schemaDir = path.join(root, 'test/contract/schemas/okta');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8'));

// Strict: a mistake in a schema fails loudly instead of validating nothing.
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
// RFC 3339 date-times, the only format the schemas use (ajv-formats is not a dependency).
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json') && f !== 'operations.json')) {
  ajv.addSchema(readJson(file) as AnySchema);
}
const operations = readJson('operations.json') as Record<string, OperationSchemas>;
const compiled = new Map<AnySchema, ValidateFunction>();

function validator(schema: AnySchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

/** What is wrong with one exchange, in words; empty when it matches the spec. */
function problemsOf(exchange: OktaExchange): string[] {
  const where = `${exchange.method} ${exchange.path} (${exchange.operationId}) → ${exchange.status}`;
  const operation = operations[exchange.operationId];
  if (!operation) return [`${where}: no schema for this operation in operations.json`];
  const problems: string[] = [];
  const check = (schema: AnySchema, value: unknown, what: string) => {
    try {
      const validate = validator(schema);
      if (!validate(value)) problems.push(`${where}: ${what}: ${ajv.errorsText(validate.errors, { dataVar: what })}`);
    } catch (error) {
      // A broken schema must fail the test, not turn the sandbox's answer into a 500.
      problems.push(`${where}: ${what}: the schema does not compile: ${(error as Error).message}`);
    }
  };

  if (operation.request && exchange.requestBody !== undefined) check(operation.request, exchange.requestBody, 'request body');
  check({ $ref: 'headers.json' }, exchange.headers, 'headers');
  if (exchange.status >= 400) {
    check(operation.errors ?? { $ref: 'error.json' }, exchange.responseBody, 'error body');
    return problems;
  }
  const expected = operation.responses[String(exchange.status)];
  if (!expected) return [...problems, `${where}: the spec gives no such success status`];
  if (expected.body) check(expected.body, exchange.responseBody, 'body');
  else if (exchange.responseBody !== undefined) problems.push(`${where}: a body where the spec gives none`);
  if (expected.headers) check(expected.headers, exchange.headers, 'headers');
  return problems;
}

export class OktaExchanges {
  private readonly seen: OktaExchange[] = [];
  private problems: string[] = [];

  /** The sandbox's onExchange hook. */
  readonly record = (exchange: OktaExchange): void => {
    this.seen.push(exchange);
    this.problems.push(...problemsOf(exchange));
  };

  /** The exchanges of one operation so far, oldest first. */
  of(operationId: string): OktaExchange[] {
    return this.seen.filter((e) => e.operationId === operationId);
  }

  /** Fails, listing every exchange off the spec since the last call. */
  assertValid(): void {
    const problems = this.problems;
    this.problems = [];
    assert.deepEqual(problems, [], `Okta exchanges that do not match the spec:\n${problems.join('\n')}`);
  }
}
