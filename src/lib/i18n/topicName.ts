import { m } from '../paraglide/messages.js';

/** Each topic of cards/topics.tsv, named in the interface language (a unit test checks none is missing). */
export const TOPIC_NAMES: Record<string, () => string> = {
	architecture: m.topic_architecture,
	'pretraining-model': m.topic_pretraining_model,
	scaling: m.topic_scaling,
	'position-encoding': m.topic_position_encoding,
	'long-context': m.topic_long_context,
	embeddings: m.topic_embeddings,
	'fine-tuning-peft': m.topic_fine_tuning_peft,
	'instruction-tuning': m.topic_instruction_tuning,
	'alignment-rlhf': m.topic_alignment_rlhf,
	'prompting-reasoning': m.topic_prompting_reasoning,
	'in-context-learning': m.topic_in_context_learning,
	'open-chat-models': m.topic_open_chat_models,
	'efficiency-inference': m.topic_efficiency_inference,
	'quantization-compression': m.topic_quantization_compression,
	'training-systems': m.topic_training_systems,
	'retrieval-rag': m.topic_retrieval_rag,
	'agents-tools': m.topic_agents_tools,
	data: m.topic_data,
	'domain-models': m.topic_domain_models,
	'evaluation-benchmarks': m.topic_evaluation_benchmarks,
	vision: m.topic_vision,
	multimodal: m.topic_multimodal,
	'diffusion-generation': m.topic_diffusion_generation,
	surveys: m.topic_surveys,
	other: m.topic_other,
};

/**
 * A topic's name in the interface language. A topic added to the deck before its translation keeps the
 * deck's own (English) name.
 * @example topicName({ id: 'scaling', name: 'Scaling laws' }) // '缩放定律' in Chinese
 */
export function topicName(topic: { id: string; name: string }): string {
	return TOPIC_NAMES[topic.id]?.() ?? topic.name;
}
