// The store's own rule, for the elements and parts: who is the owner or an admin.
export { canModerate } from '../core/store/live-room-types.js';
