/**
 * The two ways n8n 2.41's AI Agent runs a node as a tool, for tests through n8n-core without a
 * language model:
 *
 * - the tool variant of a pack node (`bedrockImageTool`), made as n8n's CLI makes it for every
 *   `usableAsTool` node (packages/cli/src/node-types.ts: a clone whose description is renamed
 *   `…Tool`, with no main input and one `ai_tool` output; packages/cli/src/tool-generation/ai-tools.ts);
 * - a test agent node (`test.agent`) that calls the tool connected to it with the arguments a
 *   model would give and outputs the tool's answer as the agent reads it:
 *   - `engine` (what the AI Agent v3 does): it returns an engine request, n8n-core runs the tool
 *     node as a node of the workflow and resumes the agent with the tool's run, whose
 *     `ai_tool` items' JSON the agent reads (packages/@n8n/nodes-langchain/utils/agent-execution/buildSteps.ts,
 *     `buildObservation`);
 *   - `supplyData` (the tools path of other agents): `getInputConnectionData('ai_tool')` gives
 *     n8n-core's LangChain tool (packages/core/src/execution-engine/node-execution-context/utils/create-node-as-tool.ts),
 *     whose `invoke` runs the node and returns the string the model gets.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { PACKAGE_NAME, packNodeType, registerTestNodeType } from './n8n.ts';

export const TEST_AGENT_NODE_TYPE = 'test.agent';

/** What the test agent outputs: the answer as the model would receive it. */
export interface AgentObservation {
	/** The tool's answer, as the string the model gets. */
	observation: string;
	/** The same, parsed. */
	answer: unknown;
}

interface EngineResponse {
	actionResponses: Array<{ action: { id: string }; data: { data?: IDataObject; error?: Error } }>;
}

/** `buildObservation` of n8n's agent: the tool run's `ai_tool` items' JSON, or its error. */
function observationOf(data: { data?: IDataObject; error?: Error }): string {
	const items = (data.data?.ai_tool as INodeExecutionData[][] | undefined)?.[0];
	const json = items?.map((item) => item?.json);
	if (json && json.length > 0) return JSON.stringify(json);
	if (data.error) return JSON.stringify({ error: data.error.message ?? 'Unknown error' });
	return JSON.stringify('');
}

const testAgentNode: INodeType = {
	description: {
		displayName: 'Test Agent',
		name: 'testAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its one tool with the given arguments, as an AI agent would',
		defaults: { name: 'Test Agent' },
		inputs: ['main', { type: 'ai_tool', displayName: 'Tool', maxConnections: 1 }],
		outputs: ['main'],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'engine' },
			{ displayName: 'Tool Node', name: 'toolNode', type: 'string', default: '' },
			{ displayName: 'Tool Arguments', name: 'toolArguments', type: 'json', default: '{}' },
		],
	},
	async execute(this: IExecuteFunctions, response?: EngineResponse) {
		const mode = this.getNodeParameter('mode', 0) as string;
		const toolArguments = JSON.parse(
			this.getNodeParameter('toolArguments', 0) as string,
		) as IDataObject;
		let observation: string;
		if (mode === 'supplyData') {
			const tool = (await this.getInputConnectionData('ai_tool', 0)) as {
				invoke(input: IDataObject): Promise<string>;
			};
			observation = await tool.invoke(toolArguments);
		} else {
			const answered = response?.actionResponses ?? [];
			if (answered.length === 0) {
				return {
					actions: [
						{
							actionType: 'ExecutionNodeAction',
							nodeName: this.getNodeParameter('toolNode', 0) as string,
							input: toolArguments,
							type: 'ai_tool',
							id: 'call_1',
							metadata: { itemIndex: 0 },
						},
					],
					metadata: {},
				} as never;
			}
			observation = observationOf(answered[0].data);
		}
		const output: AgentObservation = { observation, answer: JSON.parse(observation) as unknown };
		return [[{ json: output as unknown as IDataObject }]];
	},
};

/**
 * Registers the test agent and the tool variant of a pack node (`bedrockImage` →
 * `n8n-nodes-bedrock.bedrockImageTool`).
 */
export async function registerAgentNodes(packNode: string): Promise<void> {
	await registerTestNodeType(TEST_AGENT_NODE_TYPE, testAgentNode);
	const nodeType = await packNodeType(packNode);
	const base = nodeType.description;
	const description: INodeTypeDescription = {
		...base,
		name: `${base.name}Tool`,
		displayName: `${base.displayName} Tool`,
		inputs: [],
		outputs: ['ai_tool'],
		properties: [
			...base.properties,
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: base.description,
			},
		],
	};
	delete description.usableAsTool;
	await registerTestNodeType(
		`${PACKAGE_NAME}.${packNode}Tool`,
		Object.create(nodeType, { description: { value: description } }) as INodeType,
	);
}
