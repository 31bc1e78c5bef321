/**
 * Files dropped into a thread: media checked and streamed to the backend, text documents read as
 * scripts (TXT, DOCX, PDF, SRT, CSV, JSON, MD) whose text joins the prompt ({@link io.nemobot.upload.Uploads},
 * {@link io.nemobot.upload.ScriptReader}). Which formats the backend accepts is
 * {@link io.nemobot.nemo.MediaCheck}'s.
 */
package io.nemobot.upload;
