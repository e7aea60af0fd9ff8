/**
 * The field layer of every node in the pack. A field is declared once (name, label, default and
 * its limits: a range, a list of choices, a pattern, a length) and gives both the editor
 * property (`field.property`, with n8n's type options) and the per-item read that enforces the
 * same limits before any call (`field.read(params)`), so the editor and the validation cannot
 * disagree. Every failure names the field as the editor shows it, the value given and what is
 * allowed: `Steps must be between 10 and 150 (got 200)`.
 */
export { defined, mustBe, orList, shown, type BaseSpec, type Field } from './field';
export {
	guardrailHeaders,
	guardrailProperty,
	legacyGuardrailProperties,
	readGuardrail,
	type GuardrailSettings,
	type GuardrailTrace,
} from './guardrail';
export {
	booleanField,
	collectionProperty,
	enumLabel,
	jsonObjectField,
	listField,
	numberField,
	optionsField,
	parseJson,
	stringField,
	valueOptions,
	type NumberField,
	type StringSpec,
} from './kinds';
export {
	DEFAULT_LINK_EXPIRY_SECONDS,
	readStoreInS3,
	s3UriField,
	storeInS3Fields,
	type StoreInS3Settings,
} from './s3Store';
export { FieldError, failField, ItemParams, type Fail } from './params';
export { resultLimitFields, type ResultLimit } from './pagination';
