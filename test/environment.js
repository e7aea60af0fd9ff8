/**
 * Jest's Node environment with Node's own error classes.
 *
 * Jest runs each test file in a separate realm with its own `Error`, while Node's internals
 * (sockets, DNS, timers) throw main-realm errors. Code under test that checks
 * `error instanceof Error` — the AWS SDK does, before classifying a socket error as
 * retryable — would then see a connection reset as "not an Error", wrap it and lose its
 * code. Sharing the error classes makes the pack behave here exactly as inside n8n.
 */
const { TestEnvironment } = require('jest-environment-node');

const ERROR_CLASSES = [
	'Error',
	'TypeError',
	'RangeError',
	'SyntaxError',
	'ReferenceError',
	'EvalError',
	'URIError',
	'AggregateError',
];

class NodeErrorsEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		for (const name of ERROR_CLASSES) this.global[name] = globalThis[name];
	}
}

module.exports = NodeErrorsEnvironment;
