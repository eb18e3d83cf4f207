/**
 * What every service shares: the client it sends its requests through.
 */
export class BaseService {
  /**
   * @param {import('../Client.js').Backpack} client
   * @throws {never}
   */
  constructor(client) {
    /** The client this service belongs to. */
    this.client = client;
  }
}
