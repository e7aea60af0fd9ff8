/**
 * The model picker: the video models (output modality VIDEO) of the credential's region, from
 * the shared model catalog.
 */
import { modelSearchMethod } from '../../shared/modelLocator';

export const SEARCH_VIDEO_MODELS = 'searchVideoModels';

export const listSearch = { [SEARCH_VIDEO_MODELS]: modelSearchMethod('VIDEO') };
