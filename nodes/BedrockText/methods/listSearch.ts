/**
 * The model picker: the text-output models and inference profiles of the credential's region.
 */
import { modelSearchMethod } from '../../shared/modelLocator';

export const SEARCH_TEXT_MODELS = 'searchTextModels';

export const listSearch = { [SEARCH_TEXT_MODELS]: modelSearchMethod('TEXT') };
