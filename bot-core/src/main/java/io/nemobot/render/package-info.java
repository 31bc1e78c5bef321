/**
 * Export: the draft-ready check, the render submit, the "⏳ Rendering… 40%" message kept up to date
 * while polling, and the MP4 link posted in the thread; renders in flight are stored, so a restarted
 * bot resumes them ({@link io.nemobot.render.RenderTracker}).
 */
package io.nemobot.render;
