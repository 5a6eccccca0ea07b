import { ApiError, type components, currentCsrfToken } from '../../api/client';

type Batch = components['schemas']['RemittanceBatch'];

/**
 * Sends a bank's CSV to the streamed file route (no 1 MiB limit, as the bank's systems do),
 * reporting the share sent; answers the batch, or throws the server's problem as an ApiError.
 */
export function uploadBatchFile(
  body: Blob,
  fileName: string | undefined,
  onProgress: (sent: number, total: number) => void,
): Promise<Batch> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const q = fileName ? `?fileName=${encodeURIComponent(fileName.slice(0, 200))}` : '';
    xhr.open('POST', `/api/v1/remittances/batches/file${q}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'text/csv');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.onerror = () => reject(new ApiError(0, { code: 'network' } as never));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status alone
      }
      if (xhr.status === 200 || xhr.status === 201) resolve(json as Batch);
      else reject(new ApiError(xhr.status, (json ?? {}) as never));
    };
    xhr.send(body);
  });
}
