/**
 * Error messages never repeat a secret. AWS answers a bad signature with the canonical request
 * it expected, whose signed headers include `x-amz-security-token`: copied as is, the message
 * would carry the session token into the output, the execution data and n8n's log (the fault
 * suite found it with a wrong secret and a session token).
 */
import { describeCallError, safeAwsMessage } from '../../nodes/shared/transport/errors';

const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENvalue1234567890';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** AWS's answer to a wrong secret with temporary credentials (headers as the SDK signs them). */
const BAD_SIGNATURE = {
	name: 'InvalidSignatureException',
	$metadata: { httpStatusCode: 403, requestId: 'req-1' },
	message: `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.

The Canonical String for this request should have been
'POST
/model/stability.sd3-5-large-v1%253A0/invoke

accept:application/json
content-type:application/json
host:127.0.0.1:8777
x-amz-content-sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef
x-amz-date:20251121T093000Z
x-amz-security-token:${TOKEN}

accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token
5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef'

The String-to-Sign should have been
'AWS4-HMAC-SHA256
20251121T093000Z
20251121/us-west-2/bedrock/aws4_request
0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0'
`,
};

const call = {
	operation: 'InvokeModel',
	region: 'us-west-2',
	modelId: 'stability.sd3-5-large-v1:0',
};

test('a bad signature keeps AWS’s sentence and drops the echoed canonical request', () => {
	const error = describeCallError(BAD_SIGNATURE, call, { secrets: [SECRET, TOKEN] });
	expect(error.awsMessage).toBe(
		'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
	);
	expect(error.description).toContain(
		`AWS answered InvalidSignatureException (HTTP 403): ${error.awsMessage}`,
	);
	expect(
		JSON.stringify({ ...error, message: error.message, description: error.description }),
	).not.toContain(TOKEN);
	expect(error.hint).toMatch(/secret access key does not match/i);
});

test('any secret of the call is redacted wherever AWS repeats it', () => {
	const error = describeCallError(
		{ name: 'AccessDeniedException', message: `Key ${SECRET} with token ${TOKEN} is not valid` },
		call,
		{ secrets: [SECRET, TOKEN] },
	);
	expect(error.awsMessage).toBe('Key [redacted] with token [redacted] is not valid');
	expect(`${error.message} ${error.description}`).not.toMatch(new RegExp(`${SECRET}|${TOKEN}`));
});

test('messages without secrets are unchanged', () => {
	expect(safeAwsMessage('  Too many requests, please wait before trying again. ', [SECRET])).toBe(
		'Too many requests, please wait before trying again.',
	);
	// Short values are never treated as secrets: they would mangle ordinary words.
	expect(safeAwsMessage('The model is not ready', ['is'])).toBe('The model is not ready');
});
