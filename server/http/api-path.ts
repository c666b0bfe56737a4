export const API_PATH = '/api/v1';

/** The dashboard names itself in this header, so the activity can say which way a change came in. */
export const CLIENT_HEADER = 'x-client';
