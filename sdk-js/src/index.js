/**
 * `@backpack/sdk`: the JavaScript client of a Backpack backend — auth, collections and records,
 * files, realtime subscriptions and channels. Browsers and Node 20+; no dependencies.
 *
 * @module @backpack/sdk
 */
export { Backpack } from './Client.js';
export { BackpackError } from './BackpackError.js';
export { AuthStore } from './stores/AuthStore.js';
export { LocalAuthStore } from './stores/LocalAuthStore.js';
export { BaseService } from './services/BaseService.js';
export { CrudService } from './services/CrudService.js';
export { RecordService } from './services/RecordService.js';
export { CollectionService } from './services/CollectionService.js';
export { FileService } from './services/FileService.js';
export { AuthService } from './services/AuthService.js';
export { RealtimeService } from './services/RealtimeService.js';
export { Channel } from './services/Channel.js';
export { etagOf } from './tools/etags.js';
