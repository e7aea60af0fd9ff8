/**
 * The model picker of Get Model: every model and inference profile of the credential's region.
 */
import { modelSearchMethod } from '../../shared/modelLocator';

export const SEARCH_ALL_MODELS = 'searchAllModels';

export const listSearch = { [SEARCH_ALL_MODELS]: modelSearchMethod() };
