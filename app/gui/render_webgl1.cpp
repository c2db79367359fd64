// WebGL1 (OpenGL ES 2.0, GLSL ES 1.00), for browsers that have WebGL but not
// WebGL2 (issue 20): Dear ImGui's own OpenGL backend from Debian's imgui
// source, compiled a second time in its ES2 mode. The backend chooses ES2 or
// ES3 at compile time, so this translation unit renames its names
// (ImGui_ImplWebGL1_*, declared in render_webgl1.hpp) and the two builds live
// side by side; platform_web.cpp picks one when the page starts.
#undef IMGUI_IMPL_OPENGL_ES3
#define IMGUI_IMPL_OPENGL_ES2
#define ImGui_ImplOpenGL3_CreateDeviceObjects ImGui_ImplWebGL1_CreateDeviceObjects
#define ImGui_ImplOpenGL3_CreateFontsTexture ImGui_ImplWebGL1_CreateFontsTexture
#define ImGui_ImplOpenGL3_Data ImGui_ImplWebGL1_Data
#define ImGui_ImplOpenGL3_DestroyDeviceObjects ImGui_ImplWebGL1_DestroyDeviceObjects
#define ImGui_ImplOpenGL3_DestroyFontsTexture ImGui_ImplWebGL1_DestroyFontsTexture
#define ImGui_ImplOpenGL3_DestroyTexture ImGui_ImplWebGL1_DestroyTexture
#define ImGui_ImplOpenGL3_GetBackendData ImGui_ImplWebGL1_GetBackendData
#define ImGui_ImplOpenGL3_Init ImGui_ImplWebGL1_Init
#define ImGui_ImplOpenGL3_InitLoader ImGui_ImplWebGL1_InitLoader
#define ImGui_ImplOpenGL3_NewFrame ImGui_ImplWebGL1_NewFrame
#define ImGui_ImplOpenGL3_RenderDrawData ImGui_ImplWebGL1_RenderDrawData
#define ImGui_ImplOpenGL3_SetupRenderState ImGui_ImplWebGL1_SetupRenderState
#define ImGui_ImplOpenGL3_Shutdown ImGui_ImplWebGL1_Shutdown
#define ImGui_ImplOpenGL3_UpdateTexture ImGui_ImplWebGL1_UpdateTexture
#define ImGui_ImplOpenGL3_VtxAttribState ImGui_ImplWebGL1_VtxAttribState
#include "imgui_impl_opengl3.cpp"  // NOLINT(bugprone-suspicious-include): the backend, built again
