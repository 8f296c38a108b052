/**
 * An error the stand-in answers with, in the AWS JSON 1.1 shape the SDK parses:
 * HTTP status plus `{"__type": "<ErrorCode>", "message": "..."}`.
 */
export class StandInError extends Error {
  public constructor(
    public readonly type: string,
    message: string,
    public readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'StandInError';
  }

  /** A request that breaks the API's input rules. */
  public static validation(message: string): StandInError {
    return new StandInError('ValidationException', message);
  }

  /** The JSON body Secrets Manager sends with an error. */
  public toBody(): { __type: string; message: string } {
    return { __type: this.type, message: this.message };
  }
}
