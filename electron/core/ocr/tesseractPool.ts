// A small pool of tesseract.js workers (one per core by default), fully offline: languages come
// from a local folder and nothing is cached anywhere (cacheMethod 'none').
import os from 'node:os';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { collapseWhitespace, nfc } from '../../../shared/text';
import { prepareLanguageDir } from './languageData';
import type { OcrEngine, OcrLine, OcrPage } from './types';

export interface TesseractPoolOptions {
  langDir: string;
  langs?: readonly string[];
  size?: number;
}

interface Job {
  image: Buffer;
  widthPx: number;
  heightPx: number;
  resolve: (page: OcrPage) => void;
  reject: (e: Error) => void;
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export async function createTesseractPool(options: TesseractPoolOptions): Promise<OcrEngine> {
  const langs = options.langs ?? ['vie', 'eng'];
  const langPath = await prepareLanguageDir(options.langDir, langs);
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const idle: Worker[] = [];
  const started: Promise<Worker>[] = [];
  const queue: Job[] = [];
  let closed = false;

  const spawn = () =>
    createWorker([...langs], OEM.LSTM_ONLY, {
      langPath,
      cacheMethod: 'none',
      gzip: true,
      // Errors surface through the rejected job; never let them crash the process.
      errorHandler: () => undefined,
    });

  const run = async (worker: Worker, job: Job) => {
    try {
      const result = await worker.recognize(job.image, {}, { text: true, blocks: true });
      job.resolve(toOcrPage(result.data, job.widthPx, job.heightPx));
    } catch (e) {
      job.reject(asError(e));
    } finally {
      idle.push(worker);
      pump();
    }
  };

  // Workers start lazily, up to `size`, as jobs arrive; a worker that cannot start fails the
  // job that was waiting for it, never the process.
  function pump(): void {
    while (queue.length > 0 && idle.length > 0) void run(idle.pop()!, queue.shift()!);
    if (queue.length > 0 && started.length < size && !closed) {
      const pending = spawn();
      started.push(pending);
      pending.then(
        (w) => {
          idle.push(w);
          pump();
        },
        (e: unknown) => {
          void started.splice(started.indexOf(pending), 1);
          queue.shift()?.reject(asError(e));
          pump();
        },
      );
    }
  }

  return {
    recognize(image, widthPx, heightPx) {
      if (closed) return Promise.reject(new Error('OCR engine closed'));
      return new Promise<OcrPage>((resolve, reject) => {
        queue.push({ image, widthPx, heightPx, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      const workers = await Promise.allSettled(started);
      await Promise.all(
        workers.flatMap((w) => (w.status === 'fulfilled' ? [w.value.terminate()] : [])),
      );
    },
  };
}

type TesseractPage = Awaited<ReturnType<Worker['recognize']>>['data'];

function toOcrPage(data: TesseractPage, widthPx: number, heightPx: number): OcrPage {
  const lines: OcrLine[] = [];
  let confSum = 0;
  let wordCount = 0;
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words
          .map((w) => ({ text: nfc(w.text).trim(), box: { ...w.bbox }, confidence: w.confidence }))
          .filter((w) => w.text.length > 0);
        if (words.length === 0) continue;
        for (const w of words) {
          confSum += w.confidence;
          wordCount++;
        }
        lines.push({ words, box: { ...line.bbox } });
      }
    }
  }
  const text = lines
    .map((l) => collapseWhitespace(l.words.map((w) => w.text).join(' ')))
    .join('\n');
  return { text, confidence: wordCount ? confSum / wordCount : 0, lines, widthPx, heightPx };
}
